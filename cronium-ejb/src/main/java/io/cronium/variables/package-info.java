/** A user's persistent variables, as cronium.getVariable/setVariable see them. */
package io.cronium.variables;
