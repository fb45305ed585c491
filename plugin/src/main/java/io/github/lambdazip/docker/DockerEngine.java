package io.github.lambdazip.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.NameParser;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine reached through docker-java, configured the standard way (DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, else the default socket) with no pinned API version. Files cross into and out of containers as
 * tar streams, never bind mounts, so remote engines and Docker-in-Docker work too. Every container it creates is
 * labelled and removed when the run ends, fails, times out or the JVM is stopped.
 */
public final class DockerEngine implements AutoCloseable {

    /** The label on every container this plugin creates, so leftovers can be found. */
    public static final String LABEL = "io.github.lambdazip";

    private final DockerClient client;
    private final String endpoint;

    private DockerEngine(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Connects and pings; no engine answering is a {@link DockerUnavailableException} naming the endpoint. */
    public static DockerEngine connect(BuildLog log) throws DockerUnavailableException {
        DefaultDockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException(System.getenv().getOrDefault("DOCKER_HOST", "(default)"), e);
        }
        String endpoint = String.valueOf(config.getDockerHost());
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(15))
                .responseTimeout(Duration.ofHours(2))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
            log.info("Connected to the Docker engine at " + endpoint);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new DockerUnavailableException(endpoint, e);
        }
        return new DockerEngine(client, endpoint);
    }

    /**
     * Makes the image available as the policy says and returns its ID, which identifies its exact contents.
     */
    public String ensureImage(String image, String platform, PullPolicy policy, BuildLog log)
            throws ImageUnavailableException {
        InspectImageResponse local = inspect(image);
        if (local == null && policy == PullPolicy.NEVER) {
            throw new ImageUnavailableException(
                    "The image " + image + " is not on the Docker engine at " + endpoint + " and <pullPolicy> is never",
                    "build or pull it first ('docker pull --platform " + platform + " " + image
                            + "'), or set <pullPolicy>ifNotPresent</pullPolicy>",
                    null, "pullPolicy");
        }
        if (policy == PullPolicy.ALWAYS || local == null) {
            pull(image, platform, log);
            local = inspect(image);
            if (local == null) {
                throw new ImageUnavailableException("The image " + image + " is still missing after a pull",
                        "check the image name in <image>", null, "image");
            }
        }
        return local.getId();
    }

    private InspectImageResponse inspect(String image) {
        try {
            return client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void pull(String image, String platform, BuildLog log) throws ImageUnavailableException {
        log.info("Pulling " + image + " (" + platform + ") ...");
        Set<String> reported = new HashSet<>();
        try {
            var command = image.contains("@")
                    ? client.pullImageCmd(image)
                    : client.pullImageCmd(NameParser.parseRepositoryTag(image).repos)
                            .withTag(tagOf(image));
            command.withPlatform(platform).exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    super.onNext(item);
                    String status = item.getStatus();
                    if (status != null && item.getId() != null && reported.add(item.getId() + status)
                            && (status.startsWith("Pull complete") || status.startsWith("Already exists"))) {
                        log.info("  " + item.getId() + ": " + status);
                    } else if (status != null) {
                        log.debug("  " + (item.getId() == null ? "" : item.getId() + ": ") + status);
                    }
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException("Interrupted while pulling " + image, "run the build again", e);
        } catch (DockerException | DockerClientException e) {
            throw new ImageUnavailableException(
                    "Cannot pull the image " + image + " (" + platform + ") through the engine at " + endpoint + ": "
                            + e.getMessage(),
                    "check the name in <image>, log in with 'docker login' for a private registry, or make the "
                            + "image available locally and set <pullPolicy>never</pullPolicy>",
                    e, "image", "pullPolicy");
        }
    }

    private static String tagOf(String image) {
        String tag = NameParser.parseRepositoryTag(image).tag;
        return tag == null || tag.isEmpty() ? "latest" : tag;
    }

    /**
     * Runs one container to its end. The output folder is handed to {@code onSuccess} only when the command exited
     * with 0; the container is removed in every case.
     */
    public ContainerResult run(ContainerSpec spec, TarConsumer onSuccess) throws LambdaZipException, IOException {
        String id = null;
        Thread remover = null;
        try {
            HostConfig hostConfig = HostConfig.newHostConfig();
            if (spec.networkDisabled()) {
                hostConfig.withNetworkMode("none");
            }
            var create = client.createContainerCmd(spec.image());
            if (spec.entrypoint() != null) {
                create.withEntrypoint(spec.entrypoint());
            }
            id = create
                    .withPlatform(spec.platform())
                    .withCmd(spec.command())
                    .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                            .toList())
                    .withWorkingDir(spec.workingDirectory())
                    .withLabels(labelled(spec.labels()))
                    .withNetworkDisabled(spec.networkDisabled())
                    .withHostConfig(hostConfig)
                    .exec()
                    .getId();
            String containerId = id;
            remover = new Thread(() -> removeQuietly(containerId), "lambdazip-container-cleanup");
            Runtime.getRuntime().addShutdownHook(remover);
            if (spec.inputTar() != null) {
                try (InputStream tar = Files.newInputStream(spec.inputTar())) {
                    client.copyArchiveToContainerCmd(id).withTarInputStream(tar).withRemotePath("/").exec();
                }
            }
            client.startContainerCmd(id).exec();
            LineSplitter lines = new LineSplitter(spec.outputLines(), 40);
            ResultCallback.Adapter<Frame> logs = client.logContainerCmd(id)
                    .withFollowStream(true).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            lines.accept(frame.getPayload());
                        }
                    });
            int exitCode = awaitExit(id, spec);
            logs.awaitCompletion(30, TimeUnit.SECONDS);
            lines.flush();
            if (exitCode == 0 && spec.outputPath() != null) {
                try (InputStream tar = client.copyArchiveFromContainerCmd(id, spec.outputPath()).exec()) {
                    onSuccess.accept(tar);
                }
            }
            return new ContainerResult(exitCode, lines.lastLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the container ran");
        } catch (DockerException | DockerClientException e) {
            throw new IOException("The Docker engine at " + endpoint + " failed: " + e.getMessage(), e);
        } finally {
            if (id != null) {
                removeQuietly(id);
            }
            if (remover != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(remover);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to; it removes the container
                }
            }
        }
    }

    private int awaitExit(String id, ContainerSpec spec) throws ContainerTimeoutException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try {
            return client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (DockerClientException e) {
            if (System.nanoTime() >= deadline) {
                throw new ContainerTimeoutException("The container " + id.substring(0, 12), spec.timeout(),
                        spec.timeoutSetting());
            }
            throw e;
        }
    }

    private static Map<String, String> labelled(Map<String, String> labels) {
        var all = new java.util.TreeMap<>(labels);
        all.put(LABEL, "true");
        return all;
    }

    private void removeQuietly(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by the other path (shutdown hook or finally)
        } catch (RuntimeException e) {
            System.err.println("[lambda-zip] could not remove container " + id + ": " + e.getMessage()
                    + "; remove it with 'docker rm -f " + id + "'");
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing was left open that a failed close could lose
        }
    }
}
