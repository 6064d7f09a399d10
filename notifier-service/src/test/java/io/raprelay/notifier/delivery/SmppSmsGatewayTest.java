package io.raprelay.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.raprelay.notifier.NotifierConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The SMPP adapter against a real SMPP 3.4 server (jSMPP's server side) on loopback. */
class SmppSmsGatewayTest {

    private SMPPServerSessionListener listener;
    private final ExecutorService server = Executors.newCachedThreadPool();
    private final List<SubmitSm> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void startSmsc() throws IOException {
        // jSMPP's listener does not tell which port it bound: bind port 0 ourselves and hand it the bound socket.
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = socket.getLocalPort();
        listener = new SMPPServerSessionListener(port, new BoundSocketFactory(socket));
        server.execute(() -> {
            while (true) {
                try {
                    SMPPServerSession session = listener.accept();
                    session.setMessageReceiverListener(new Smsc());
                    server.execute(() -> {
                        try {
                            BindRequest bind = session.waitForBind(5000);
                            if ("raprelay".equals(bind.getSystemId())) {
                                bind.accept("smsc");
                            } else {
                                bind.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                            }
                        } catch (Exception e) {
                            session.close();
                        }
                    });
                } catch (IOException e) {
                    return; // listener closed
                }
            }
        });
    }

    @AfterEach
    void stopSmsc() throws IOException {
        listener.close();
        server.shutdownNow();
    }

    @Test
    void englishGoesInTheDefaultAlphabetAndChineseInUcs2WithTheSendersIdAndTheSmscsMessageId() {
        SmppSmsGateway gateway = new SmppSmsGateway(config(listener.getPort()));

        String first = gateway.send("+85291234567", "[RAP Relay] RAP unreachable: rapb01234 (NETWORK)");
        String second = gateway.send("+85261234567", "[RAP Relay] 報表逾期：DCSIM01（2025-10-02）");

        assertThat(first).isEqualTo("smsc-1");
        assertThat(second).isEqualTo("smsc-2");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getSourceAddr()).isEqualTo("#RAPRELAY");
        assertThat(received.get(0).getDestAddress()).isEqualTo("85291234567");
        assertThat(new String(received.get(0).getShortMessage(), StandardCharsets.ISO_8859_1))
                .isEqualTo("[RAP Relay] RAP unreachable: rapb01234 (NETWORK)");
        assertThat(Alphabet.parseDataCoding(received.get(1).getDataCoding())).isEqualTo(Alphabet.ALPHA_UCS2);
        assertThat(new String(received.get(1).getShortMessage(), StandardCharsets.UTF_16BE))
                .isEqualTo("[RAP Relay] 報表逾期：DCSIM01（2025-10-02）");
    }

    @Test
    void anSmscThatRefusesTheBindIsAFailedAttempt() {
        // (A closed port made a flaky case here: a connection to a just-freed loopback port can meet itself.)
        SmppSmsGateway gateway = new SmppSmsGateway(config(listener.getPort(), "intruder"));

        assertThatThrownBy(() -> gateway.send("+85291234567", "hello"))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("SMSC 127.0.0.1:" + listener.getPort());
        assertThat(received).isEmpty();
    }

    @Test
    void longTextsAreCutToOneMessage() {
        assertThat(SmppSmsGateway.fit("x".repeat(200), 160)).hasSize(160).endsWith("…");
        assertThat(SmppSmsGateway.fit("短".repeat(80), 70)).hasSize(70);
    }

    private static NotifierConfig config(int port) {
        return config(port, "raprelay");
    }

    private static NotifierConfig config(int port, String systemId) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("notifier.sms.smpp.port", String.valueOf(port))
                .withDefaultValue("notifier.sms.smpp.system-id", systemId)
                .withDefaultValue("notifier.sms.smpp.timeout", "3s").build();
        return config.getConfigMapping(NotifierConfig.class);
    }

    /** Accepts submit_sm and answers with a message id; everything else is refused. */
    private final class Smsc implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            received.add(submitSm);
            try {
                return new SubmitSmResult(new MessageId("smsc-" + ids.incrementAndGet()), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), 8);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 3);
        }
    }

    /** Serves jSMPP's listener from a socket that is already bound. */
    private record BoundSocketFactory(ServerSocket socket) implements ServerConnectionFactory {

        @Override
        public ServerConnection listen(int port) {
            return new ServerConnection() {
                @Override
                public Connection accept() throws IOException {
                    return new SocketConnection(socket.accept());
                }

                @Override
                public void setSoTimeout(int timeout) throws IOException {
                    socket.setSoTimeout(timeout);
                }

                @Override
                public int getSoTimeout() throws IOException {
                    return socket.getSoTimeout();
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            socket.setSoTimeout(timeout);
            return listen(port);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            return listen(port, timeout);
        }
    }
}
