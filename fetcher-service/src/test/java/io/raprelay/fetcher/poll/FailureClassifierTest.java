package io.raprelay.fetcher.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;

import io.raprelay.contracts.FailureReason;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

class FailureClassifierTest {

    @Test
    void jschAndCamelFailuresMapToOperatorReasons() {
        assertThat(classify(new JSchException("Auth fail for methods 'publickey'"))).isEqualTo(
                FailureReason.AUTHENTICATION);
        assertThat(classify(new JSchException("HostKey has been changed: [127.0.0.1]:18801"))).isEqualTo(
                FailureReason.HOST_KEY);
        assertThat(classify(new JSchException("reject HostKey: [10.243.2.141]:18801"))).isEqualTo(
                FailureReason.HOST_KEY);
        assertThat(classify(new JSchException("java.net.ConnectException: Connection refused",
                new ConnectException("Connection refused")))).isEqualTo(FailureReason.NETWORK);
        assertThat(classify(new JSchException("timeout: socket is not established",
                new SocketTimeoutException()))).isEqualTo(FailureReason.TIMEOUT);
        assertThat(classify(new SftpException(3, "Permission denied"))).isEqualTo(FailureReason.PERMISSION);
        assertThat(classify(new SftpException(2, "No such file"))).isEqualTo(FailureReason.NOT_FOUND);
        assertThat(classify(new IllegalStateException("something else"))).isEqualTo(FailureReason.OTHER);
    }

    @Test
    void aHostThatClosesTheConnectionMidSessionIsANetworkFailure() {
        // JSch's ChannelSftp while listing or reading, and its IO while connecting, when the host goes away
        assertThat(classify(new SftpException(4, "java.io.IOException: inputstream is closed",
                new IOException("inputstream is closed")))).isEqualTo(FailureReason.NETWORK);
        assertThat(classify(new IOException("End of IO Stream Read"))).isEqualTo(FailureReason.NETWORK);
    }

    @Test
    void theEndpointUriInCamelsMessagesIsNotTakenForAHostKeyProblem() {
        Exception e = new GenericFileOperationFailedException(
                "Cannot poll sub-directory: INBOX from: sftp://127.0.0.1:1"
                        + "?strictHostKeyChecking=yes&knownHostsFile=/etc/known_hosts",
                new NullPointerException("Cannot invoke \"java.util.Map.containsKey(Object)\""));

        assertThat(FailureClassifier.classify(e)).isEqualTo(FailureReason.OTHER);
    }

    @Test
    void detailIsTheInnermostMessage() {
        Exception e = new GenericFileOperationFailedException("Cannot connect to sftp://rapb01234@127.0.0.1:1",
                new JSchException("java.net.ConnectException: Connection refused",
                        new ConnectException("Connection refused")));

        assertThat(FailureClassifier.detail(e)).isEqualTo("Connection refused");
    }

    private static FailureReason classify(Exception cause) {
        return FailureClassifier.classify(new GenericFileOperationFailedException("Cannot connect", cause));
    }
}
