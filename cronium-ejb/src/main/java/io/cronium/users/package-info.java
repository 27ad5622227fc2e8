/** Users, their roles and credentials: who may log in and what they may see. */
package io.cronium.users;
