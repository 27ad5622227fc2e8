package io.cronium.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * What a containerised run may use. The defaults are safe for a shared machine: one CPU, 256 MB of memory without
 * swap, 128 processes (a fork bomb stops there), a 64 MB writable work directory and no network.
 */
@Embeddable
public class ResourceLimits {

    public static final double DEFAULT_CPUS = 1.0;
    public static final int DEFAULT_MEMORY_MB = 256;
    public static final int DEFAULT_PIDS = 128;
    public static final int DEFAULT_WORK_DIR_MB = 64;

    public static final double MAX_CPUS = 64;
    public static final int MIN_MEMORY_MB = 16; // below this, even bash fails to start and the OOM report misleads
    public static final int MAX_MEMORY_MB = 65536;
    public static final int MAX_PIDS = 32768;
    public static final int MAX_WORK_DIR_MB = 65536;

    @Column(name = "cpu_limit", nullable = false)
    private double cpus = DEFAULT_CPUS;

    @Column(name = "memory_limit_mb", nullable = false)
    private int memoryMb = DEFAULT_MEMORY_MB;

    @Column(name = "pids_limit", nullable = false)
    private int pids = DEFAULT_PIDS;

    @Column(name = "work_dir_mb", nullable = false)
    private int workDirMb = DEFAULT_WORK_DIR_MB;

    @Enumerated(EnumType.STRING)
    @Column(name = "network", nullable = false)
    private NetworkAccess network = NetworkAccess.NONE;

    public ResourceLimits() {
    }

    public ResourceLimits(double cpus, int memoryMb, int pids, int workDirMb, NetworkAccess network) {
        if (cpus <= 0 || memoryMb < MIN_MEMORY_MB || pids < 1 || workDirMb < 1 || network == null) {
            throw new IllegalArgumentException("resource limits out of range");
        }
        this.cpus = cpus;
        this.memoryMb = memoryMb;
        this.pids = pids;
        this.workDirMb = workDirMb;
        this.network = network;
    }

    public double cpus() { return cpus; }
    public int memoryMb() { return memoryMb; }
    public int pids() { return pids; }
    public int workDirMb() { return workDirMb; }
    public NetworkAccess network() { return network; }
}
