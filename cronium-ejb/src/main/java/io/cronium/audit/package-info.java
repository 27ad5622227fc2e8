/** The audit trail: who did what to which resource, from where, and when. */
package io.cronium.audit;
