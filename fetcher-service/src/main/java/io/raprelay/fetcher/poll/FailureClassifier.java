package io.raprelay.fetcher.poll;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.raprelay.contracts.FailureReason;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

/** Maps what went wrong talking to a RAP host (JSch and Camel exceptions) to a {@link FailureReason}. */
public final class FailureClassifier {

    private static final int SSH_FX_NO_SUCH_FILE = 2;
    private static final int SSH_FX_PERMISSION_DENIED = 3;

    private FailureClassifier() {
    }

    public static FailureReason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // Only JSch's own words: Camel's messages quote the endpoint URI, which says "strictHostKeyChecking".
            boolean ssh = t instanceof JSchException;
            if (ssh && (message.contains("hostkey") || message.contains("host key"))) {
                return FailureReason.HOST_KEY;
            }
            if (ssh && (message.contains("auth fail") || message.contains("auth cancel")
                    || message.contains("userauth"))) {
                return FailureReason.AUTHENTICATION;
            }
            if (t instanceof SftpException sftp) {
                if (sftp.id == SSH_FX_PERMISSION_DENIED) {
                    return FailureReason.PERMISSION;
                }
                if (sftp.id == SSH_FX_NO_SUCH_FILE) {
                    return FailureReason.NOT_FOUND;
                }
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException
                    || message.contains("timeout") || message.contains("timed out")) {
                return FailureReason.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketException
                    || message.contains("connection refused") || message.contains("session is down")
                    || message.contains("closed by foreign host") || message.contains("connection is closed")
                    // JSch's words when the host closes the connection mid-session (a host stopped during a poll)
                    || message.contains("inputstream is closed") || message.contains("end of io stream read")) {
                return FailureReason.NETWORK;
            }
            if (message.contains("permission denied")) {
                return FailureReason.PERMISSION;
            }
            if (message.contains("no such file")) {
                return FailureReason.NOT_FOUND;
            }
            if (ssh && message.contains("session.connect")) {
                return FailureReason.NETWORK;
            }
        }
        return FailureReason.OTHER;
    }

    /** The innermost message, for operators: the outer Camel wrappers add nothing. */
    public static String detail(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
