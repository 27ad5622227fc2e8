/**
 * Jakarta Batch jobs (XML under META-INF/batch-jobs) and their batchlets: multi-server fan-out, workflow runs and
 * maintenance. Coded only against jakarta.batch: Payara runs IBM JBatch, WildFly runs JBeret.
 */
package io.cronium.batch;
