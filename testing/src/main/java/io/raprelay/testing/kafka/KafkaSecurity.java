package io.raprelay.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A broker closed as production's: TLS on its client listener ({@link KafkaTls}), every client authenticated with
 * SASL/SCRAM-SHA-512, and authorised by ACLs only (no ACL, no access). The users and their ACLs are read from Strimzi
 * {@code KafkaUser} manifests, so the local broker and a Strimzi cluster grant exactly the same; {@code admin} is the
 * broker's own super user (inter-broker traffic, tests and tools).
 */
public final class KafkaSecurity {

    /** The broker's super user. */
    public static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final int ITERATIONS = 4096;

    private final KafkaTls tls;
    private final Map<String, String> passwords;
    private final List<AclBinding> acls;

    private KafkaSecurity(KafkaTls tls, Map<String, String> passwords, List<AclBinding> acls) {
        this.tls = tls;
        this.passwords = passwords;
        this.acls = acls;
    }

    /**
     * The users of the {@code KafkaUser} manifests with their ACLs, each with the password {@code password(user)},
     * and the admin with {@code password(ADMIN)}; certificates in {@code tlsFolder}.
     */
    public static KafkaSecurity of(Path kafkaUsers, Path tlsFolder,
            java.util.function.Function<String, String> password) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, password.apply(ADMIN));
        List<AclBinding> acls = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(kafkaUsers.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !"KafkaUser".equals(document.path("kind").asText())) {
                    continue;
                }
                String user = document.path("metadata").path("name").asText();
                passwords.put(user, password.apply(user));
                for (JsonNode acl : document.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    ResourcePattern pattern = new ResourcePattern(
                            ResourceType.fromString(resource.path("type").asText().toUpperCase(Locale.ROOT)),
                            resource.path("type").asText().equals("cluster")
                                    ? "kafka-cluster"
                                    : resource.path("name").asText(),
                            // Strimzi writes literal or prefix; Kafka's names are LITERAL and PREFIXED
                            "prefix".equals(resource.path("patternType").asText())
                                    ? PatternType.PREFIXED
                                    : PatternType.fromString(resource.path("patternType").asText("literal")
                                            .toUpperCase(Locale.ROOT)));
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + user,
                                acl.path("host").asText("*"), operation(operation.asText()), AclPermissionType.ALLOW)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka users of " + kafkaUsers, e);
        }
        return new KafkaSecurity(KafkaTls.in(tlsFolder), passwords, acls);
    }

    /** The users, admin first. */
    public List<String> users() {
        return List.copyOf(passwords.keySet());
    }

    public List<AclBinding> acls() {
        return acls;
    }

    public KafkaTls tls() {
        return tls;
    }

    /** What a client needs to reach the broker as this user: TLS trusting the broker's CA, SCRAM with its password. */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, passwords.get(user)));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.caCertificate().toString());
        return config;
    }

    /** The broker's listener settings: SASL_SSL for clients and between brokers, ACLs only, admin the super user. */
    void addBrokerProperties(Properties props, int port, int controllerPort) {
        props.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
        props.put("inter.broker.listener.name", "SASL_SSL");
        // The controller listener stays on loopback without TLS: only this process talks to it.
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN, passwords.get(ADMIN)));
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", tls.keyStore().toString());
        props.put("ssl.keystore.password", tls.keyStorePassword());
        props.put("ssl.key.password", tls.keyStorePassword());
        // Inter-broker traffic is a TLS client too: it trusts the same CA.
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", tls.caCertificate().toString());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        // ANONYMOUS is the broker talking to its own controller over the loopback controller listener.
        props.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    }

    /** {@code kafka-storage format} arguments: the admin's SCRAM credential, needed before the broker can start. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + passwords.get(ADMIN) + "]");
    }

    /** Sets every user's SCRAM credential and every ACL (both idempotent), as the admin. */
    void apply(Admin admin) {
        try {
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> credentials = new ArrayList<>();
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                credentials.add(new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.getValue()));
            }
            admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot set the Kafka users and ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AclOperation operation(String strimzi) {
        String name = strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return AclOperation.fromString(name);
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
