package io.cronium.jobs.control;

import io.cronium.jobs.entity.JobStatus;
import io.cronium.platform.ApplicationDatabase;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;

/** Claims and moves jobs in transactions of their own, kept short so row locks are held for milliseconds. */
@Stateless
public class JobQueue {

    @Inject
    ApplicationDatabase database;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ClaimedJob> claimNext(String node, int leaseSeconds) {
        try (var connection = database.dataSource().getConnection()) {
            return JobTable.claim(connection, node, leaseSeconds);
        } catch (SQLException e) {
            throw new IllegalStateException("claiming a job failed", e);
        }
    }

    /** Joins the caller's transaction, so the status change commits with the records written beside it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean transition(long jobId, JobStatus from, JobStatus to) {
        try (var connection = database.dataSource().getConnection()) {
            return JobTable.transition(connection, jobId, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("changing the status of job " + jobId + " failed", e);
        }
    }
}
