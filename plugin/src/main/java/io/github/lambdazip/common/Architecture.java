package io.github.lambdazip.common;

/** Lambda's instruction set architectures. */
public enum Architecture {
    X86_64("x86_64", "linux/amd64", "x86_64", 62),
    ARM64("arm64", "linux/arm64", "aarch64", 183);

    private final String id;
    private final String dockerPlatform;
    private final String machine;
    private final int elfMachine;

    Architecture(String id, String dockerPlatform, String machine, int elfMachine) {
        this.id = id;
        this.dockerPlatform = dockerPlatform;
        this.machine = machine;
        this.elfMachine = elfMachine;
    }

    /** The name AWS uses: {@code x86_64} or {@code arm64}. */
    public String id() {
        return id;
    }

    /** The Docker platform string, e.g. {@code linux/arm64}. */
    public String dockerPlatform() {
        return dockerPlatform;
    }

    /** What Python's {@code platform.machine()} reports on Linux. */
    public String machine() {
        return machine;
    }

    /** The ELF {@code e_machine} value. */
    public int elfMachine() {
        return elfMachine;
    }

    public static Architecture fromId(String id) throws InvalidConfigurationException {
        String value = id == null ? "" : id.trim();
        for (Architecture architecture : values()) {
            if (architecture.id.equals(value)) {
                return architecture;
            }
        }
        throw new InvalidConfigurationException(
                "architecture", "'" + id + "' is not a Lambda architecture",
                "use <architecture>x86_64</architecture> or <architecture>arm64</architecture>");
    }

    @Override
    public String toString() {
        return id;
    }
}
