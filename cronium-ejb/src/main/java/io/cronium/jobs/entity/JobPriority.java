package io.cronium.jobs.entity;

/** Queue order: higher rank is claimed first. The rank is what the jobs table stores. */
public enum JobPriority {
    LOW(0), NORMAL(1), HIGH(2), CRITICAL(3);

    private final int rank;

    JobPriority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static JobPriority ofRank(int rank) {
        for (var p : values()) {
            if (p.rank == rank) {
                return p;
            }
        }
        throw new IllegalArgumentException("no priority of rank " + rank);
    }
}
