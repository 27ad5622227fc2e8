package io.cronium.events.entity;

/** When a conditional action of an event runs, relative to the event's outcome. */
public enum ActionTrigger {
    SUCCESS, FAILURE, ALWAYS, CONDITION
}
