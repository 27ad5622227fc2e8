package io.cronium.jobs.control;

import jakarta.ejb.ApplicationException;

/**
 * Two nodes claimed two runs of one exclusive event at the same instant and this one lost (a unique index refused
 * its claim): its transaction is rolled back, whatever else it held, and the claim is tried again later.
 */
@ApplicationException(rollback = true)
public class ClaimRaceLost extends RuntimeException {

    public ClaimRaceLost(String message) {
        super(message);
    }
}
