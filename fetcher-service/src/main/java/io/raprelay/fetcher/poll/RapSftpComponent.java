package io.raprelay.fetcher.poll;

import java.util.Map;

import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.annotations.Component;

/**
 * Camel's {@code sftp} component, with endpoints whose poll (listing) session can be cut from another thread: a
 * listing that RAP never answers, while its SSH connection still answers keep-alives, would otherwise hold the
 * account's poll for ever. Registered under the name {@code sftp} by {@link PollRoutes}; URIs and options are Camel's
 * (the annotation names the scheme whose generated option configurers Camel uses).
 */
@Component("sftp")
final class RapSftpComponent extends SftpComponent {

    @Override
    protected GenericFileEndpoint<SftpRemoteFile> buildFileEndpoint(String uri, String remaining,
            Map<String, Object> parameters) throws Exception {
        SftpEndpoint plain = (SftpEndpoint) super.buildFileEndpoint(uri, remaining, parameters);
        return new Endpoint(uri, this, plain);
    }

    /** An SFTP endpoint that keeps the operations it made for its consumer, the account's listing session. */
    static final class Endpoint extends SftpEndpoint {

        private volatile CuttableSftpOperations listing;
        private volatile Runnable onListingConnected = () -> {
        };

        private Endpoint(String uri, RapSftpComponent component, SftpEndpoint plain) {
            super(uri, component, plain.getConfiguration());
        }

        /** Made once, for the route's consumer (downloads make their own, in {@link DownloadSessions}). */
        @Override
        public CuttableSftpOperations createRemoteFileOperations() {
            CuttableSftpOperations operations = new CuttableSftpOperations(this, () -> onListingConnected.run());
            listing = operations;
            return operations;
        }

        /** Runs each time the listing session has connected (logged in), before it lists. */
        void onListingConnected(Runnable action) {
            onListingConnected = action;
        }

        /** Cuts the listing session's connection, if it has one. */
        void cutListing() {
            CuttableSftpOperations operations = listing;
            if (operations != null) {
                operations.cut();
            }
        }
    }
}
