/**
 * The job queue: a job is one requested run of an event, claimed by exactly one worker with
 * FOR UPDATE SKIP LOCKED, leased while it runs, and moved only along {@link io.cronium.jobs.entity.JobStatus}.
 */
package io.cronium.jobs;
