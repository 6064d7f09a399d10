package io.raprelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.raprelay.fetcher.site.KeyFileAccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What can be checked of {@code deploy/k8s} without a cluster: every Secret, ConfigMap, claim and port a pod names
 * exists; a claim's access mode fits the pods that mount it; and every file a service is configured to read from a
 * mounted Secret or ConfigMap is there and readable by the container's user, with the owner and mode the kubelet gives
 * it (root-owned, {@code defaultMode} or 0644, and with a pod {@code fsGroup} that group and at least 0440), the
 * fetcher's private keys also passing the fetcher's own {@link KeyFileAccess} rule.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("../deploy/k8s");
    private static final int KUBELET_READ_ONLY_MASK = 0440;
    private static final int DEFAULT_MODE = 0644;

    private static final List<JsonNode> objects = new ArrayList<>();
    private static final Map<String, Set<String>> secretKeys = new HashMap<>();
    private static final Map<String, JsonNode> configMaps = new HashMap<>();
    private static final Map<String, JsonNode> claims = new HashMap<>();
    private static final List<JsonNode> workloads = new ArrayList<>();

    @BeforeAll
    static void readManifests() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> d != null && d.has("kind")).forEach(objects::add);
                }
            }
        }
        for (JsonNode object : objects) {
            String name = object.path("metadata").path("name").asText();
            switch (object.path("kind").asText()) {
                case "Secret" -> secretKeys.put(name, keysOf(object, "stringData", "data"));
                case "ConfigMap" -> configMaps.put(name, object);
                case "PersistentVolumeClaim" -> claims.put(name, object);
                case "Deployment", "StatefulSet" -> workloads.add(object);
                case "KafkaUser" -> secretKeys.put(name, Set.of("password", "sasl.jaas.config")); // Strimzi makes it
                case "KafkaTopic" -> secretKeys.put(object.path("metadata").path("labels").path("strimzi.io/cluster")
                        .asText() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
                default -> {
                }
            }
        }
        assertThat(workloads).as("workloads in deploy/k8s").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void everySecretConfigMapAndClaimAPodNamesExists() {
        List<String> missing = new ArrayList<>();
        for (JsonNode workload : workloads) {
            String at = workload.path("metadata").path("name").asText();
            JsonNode pod = podSpec(workload);
            for (JsonNode volume : pod.path("volumes")) {
                String where = at + " volume " + volume.path("name").asText();
                if (volume.has("secret")) {
                    String secret = volume.path("secret").path("secretName").asText();
                    requireKeys(where, "Secret", secret, secretKeys.get(secret), items(volume.path("secret")),
                            missing);
                } else if (volume.has("configMap")) {
                    String map = volume.path("configMap").path("name").asText();
                    requireKeys(where, "ConfigMap", map, Optional.ofNullable(configMaps.get(map))
                            .map(m -> keysOf(m, "data", "binaryData")).orElse(null), items(volume.path("configMap")),
                            missing);
                } else if (volume.has("persistentVolumeClaim")) {
                    String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
                    if (!claims.containsKey(claim)) {
                        missing.add(where + ": PersistentVolumeClaim " + claim);
                    }
                }
            }
            for (JsonNode container : containers(pod)) {
                String in = at + "/" + container.path("name").asText();
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (volume(pod, mount.path("name").asText()) == null) {
                        missing.add(in + ": volume " + mount.path("name").asText() + " it mounts");
                    }
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        String secret = ref.path("name").asText();
                        requireKeys(in + " env " + env.path("name").asText(), "Secret", secret,
                                secretKeys.get(secret), Set.of(ref.path("key").asText()), missing);
                    }
                }
                for (JsonNode from : container.path("envFrom")) {
                    String secret = from.path("secretRef").path("name").asText(null);
                    if (secret != null && !secretKeys.containsKey(secret)) {
                        missing.add(in + " envFrom: Secret " + secret);
                    }
                }
            }
        }
        assertThat(missing).as("referenced but not defined in deploy/k8s (nor made by Strimzi from it)").isEmpty();
    }

    @Test
    void everyPortAProbeOrServiceNamesIsAContainerPort() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode workload : workloads) {
            JsonNode pod = podSpec(workload);
            for (JsonNode container : containers(pod)) {
                Set<String> ports = portNames(container);
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    JsonNode port = container.path(probe).path("httpGet").path("port");
                    if (!port.isMissingNode() && !ports.contains(port.asText())) {
                        wrong.add(workload.path("metadata").path("name").asText() + " " + probe + " port " + port);
                    }
                }
            }
        }
        for (JsonNode service : objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
            String name = service.path("metadata").path("name").asText();
            List<JsonNode> selected = workloads.stream().filter(w -> selects(service.path("spec").path("selector"),
                    podTemplate(w).path("metadata").path("labels"))).toList();
            if (selected.isEmpty()) {
                wrong.add("Service " + name + " selects no pod");
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                String target = port.path("targetPort").asText(port.path("port").asText());
                for (JsonNode workload : selected) {
                    boolean found = containers(podSpec(workload)).stream().anyMatch(c -> portNames(c).contains(
                            target));
                    if (!found) {
                        wrong.add("Service " + name + " targetPort " + target + " is not a port of "
                                + workload.path("metadata").path("name").asText());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aClaimsAccessModeFitsThePodsThatMountIt() {
        List<String> wrong = new ArrayList<>();
        claims.forEach((claim, object) -> {
            Set<String> modes = new HashSet<>();
            object.path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
            int pods = 0;
            boolean writes = false;
            List<String> by = new ArrayList<>();
            for (JsonNode workload : workloads) {
                JsonNode pod = podSpec(workload);
                for (JsonNode volume : pod.path("volumes")) {
                    if (!claim.equals(volume.path("persistentVolumeClaim").path("claimName").asText(null))) {
                        continue;
                    }
                    int replicas = workload.path("spec").path("replicas").asInt(1);
                    // A rolling update runs the old and the new pod together: on other nodes for all we know.
                    boolean recreate = workload.path("spec").path("strategy").path("type").asText("RollingUpdate")
                            .equals("Recreate");
                    pods += recreate ? replicas : replicas + 1;
                    writes |= mountedWritable(pod, volume.path("name").asText());
                    by.add(workload.path("metadata").path("name").asText() + " x" + replicas);
                }
            }
            boolean fits = modes.contains("ReadWriteMany") || modes.contains("ReadWriteOncePod") && pods <= 1
                    || modes.contains("ReadWriteOnce") && pods <= 1 || modes.contains("ReadOnlyMany") && !writes;
            if (pods > 0 && !fits) {
                wrong.add("claim " + claim + " " + modes + " is mounted by " + by + (writes ? ", written" : ""));
            }
            if (pods == 0) {
                wrong.add("claim " + claim + " is mounted by no pod");
            }
        });
        assertThat(wrong).as("pods on several nodes need ReadWriteMany (or ReadOnlyMany when none writes)").isEmpty();
    }

    /** Each service keeps its own state: the reports travel through the bucket, never through a shared volume. */
    @Test
    void noClaimIsMountedByTwoWorkloads() {
        Map<String, List<String>> mountedBy = new HashMap<>();
        for (JsonNode workload : workloads) {
            for (JsonNode volume : podSpec(workload).path("volumes")) {
                String claim = volume.path("persistentVolumeClaim").path("claimName").asText(null);
                if (claim != null) {
                    mountedBy.computeIfAbsent(claim, c -> new ArrayList<>())
                            .add(workload.path("metadata").path("name").asText());
                }
            }
        }
        assertThat(mountedBy).allSatisfy((claim, by) -> assertThat(by).as(claim).hasSize(1));
    }

    @Test
    void everyConfiguredFileIsInAVolumeAndReadableAsTheServiceWillSeeIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        int keys = 0;
        for (JsonNode workload : workloads) {
            JsonNode pod = podSpec(workload);
            for (JsonNode container : containers(pod)) {
                String in = workload.path("metadata").path("name").asText() + "/" + container.path("name").asText();
                Map<String, String> files = configuredFiles(pod, container);
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Optional<String> problem = problem(pod, container, file.getKey(), file.getValue());
                    problem.ifPresent(p -> wrong.add(in + " " + file.getKey() + "=" + file.getValue() + ": " + p));
                    if (file.getKey().endsWith(".private-key-file")) {
                        keys++;
                    }
                }
            }
        }
        assertThat(keys).as("the fetcher's private keys checked").isPositive();
        assertThat(wrong).isEmpty();
    }

    /** Settings and environment variables naming an absolute path, from env and the mounted application.properties. */
    private static Map<String, String> configuredFiles(JsonNode pod, JsonNode container) throws IOException {
        Map<String, String> files = new HashMap<>();
        for (JsonNode env : container.path("env")) {
            String value = env.path("value").asText("");
            if (value.startsWith("/")) {
                files.put(env.path("name").asText(), value);
            }
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volume(pod, mount.path("name").asText());
            JsonNode map = volume == null ? null : configMaps.get(volume.path("configMap").path("name").asText());
            String properties = map == null ? null : map.path("data").path("application.properties").asText(null);
            if (properties != null) {
                Properties settings = new Properties();
                settings.load(new StringReader(properties));
                settings.stringPropertyNames().stream().filter(k -> k.endsWith("-file") || k.endsWith("-dir")
                        || k.endsWith("-root"))
                        .forEach(k -> files.put(k, settings.getProperty(k)));
            }
        }
        return files;
    }

    private static Optional<String> problem(JsonNode pod, JsonNode container, String setting, String path) {
        JsonNode mount = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String at = m.path("mountPath").asText();
            if ((path.equals(at) || path.startsWith(at.endsWith("/") ? at : at + "/"))
                    && (mount == null || at.length() > mount.path("mountPath").asText().length())) {
                mount = m;
            }
        }
        if (mount == null) {
            return Optional.of("in no volume the container mounts");
        }
        JsonNode volume = volume(pod, mount.path("name").asText());
        JsonNode source = volume.has("secret") ? volume.path("secret") : volume.path("configMap");
        if (source.isMissingNode()) {
            return Optional.empty(); // a claim or an emptyDir: the service's own data
        }
        String relative = path.substring(mount.path("mountPath").asText().length()).replaceFirst("^/", "");
        Integer mode = null;
        if (source.has("items")) {
            for (JsonNode item : source.path("items")) {
                if (item.path("path").asText().equals(relative)) {
                    mode = item.path("mode").asInt(source.path("defaultMode").asInt(DEFAULT_MODE));
                }
            }
            if (mode == null) {
                return Optional.of("no item of the volume is " + relative);
            }
        } else {
            mode = source.path("defaultMode").asInt(DEFAULT_MODE);
            Set<String> keys = volume.has("secret")
                    ? secretKeys.get(source.path("secretName").asText())
                    : keysOf(configMaps.get(source.path("name").asText()), "data", "binaryData");
            if (keys != null && !keys.isEmpty() && !keys.contains(relative)) {
                return Optional.of("the volume has no " + relative + " (its keys: " + keys + ")");
            }
        }
        JsonNode security = pod.path("securityContext");
        JsonNode own = container.path("securityContext");
        int uid = own.path("runAsUser").asInt(security.path("runAsUser").asInt(-1));
        if (uid < 0) {
            return Optional.of("the pod names no runAsUser: who reads the file depends on the image");
        }
        int fileGroup = security.path("fsGroup").asInt(0);
        Set<Integer> groups = new HashSet<>(Set.of(own.path("runAsGroup").asInt(security.path("runAsGroup").asInt(
                uid))));
        if (security.has("fsGroup")) {
            groups.add(fileGroup);
            mode |= KUBELET_READ_ONLY_MASK;
        }
        security.path("supplementalGroups").forEach(g -> groups.add(g.asInt()));
        int mounted = mode;
        boolean readable = uid == 0 || (groups.contains(fileGroup) ? (mode & 0040) != 0 : (mode & 0004) != 0);
        if (!readable) {
            return Optional.of(String.format("not readable by uid %d (owner root, group %d, mode %04o)", uid,
                    fileGroup, mode));
        }
        if (setting.endsWith(".private-key-file")) {
            return KeyFileAccess.problem(0, mode, uid).map(p -> String.format(
                    "the fetcher would refuse it: it %s (owner root, group %d, mode %04o as mounted)", p,
                    fileGroup, mounted));
        }
        return Optional.empty();
    }

    private static void requireKeys(String where, String kind, String name, Set<String> keys, Set<String> wanted,
            List<String> missing) {
        if (keys == null) {
            missing.add(where + ": " + kind + " " + name);
        } else if (!keys.isEmpty() && !keys.containsAll(wanted)) {
            missing.add(where + ": key(s) " + wanted + " of " + kind + " " + name + " (it has " + keys + ")");
        }
    }

    private static Set<String> keysOf(JsonNode object, String... fields) {
        Set<String> keys = new HashSet<>();
        for (String field : fields) {
            object.path(field).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static Set<String> items(JsonNode source) {
        Set<String> keys = new HashSet<>();
        source.path("items").forEach(i -> keys.add(i.path("key").asText()));
        return keys;
    }

    private static JsonNode podTemplate(JsonNode workload) {
        return workload.path("spec").path("template");
    }

    private static JsonNode podSpec(JsonNode workload) {
        return podTemplate(workload).path("spec");
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return null;
    }

    private static boolean mountedWritable(JsonNode pod, String volume) {
        boolean claimReadOnly = volume(pod, volume).path("persistentVolumeClaim").path("readOnly").asBoolean(false);
        return containers(pod).stream().flatMap(c -> {
            List<JsonNode> mounts = new ArrayList<>();
            c.path("volumeMounts").forEach(mounts::add);
            return mounts.stream();
        }).anyMatch(m -> m.path("name").asText().equals(volume) && !m.path("readOnly").asBoolean(false)
                && !claimReadOnly);
    }

    private static Set<String> portNames(JsonNode container) {
        Set<String> names = new HashSet<>();
        container.path("ports").forEach(p -> {
            names.add(p.path("name").asText());
            names.add(p.path("containerPort").asText());
        });
        return names;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.fields().hasNext()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
