package io.raprelay.simulator.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * File access for a simulated RAP host: RAP is read-only to participants, so every write, remove, rename, mkdir,
 * link and attribute change is refused with "permission denied" and logged. Reads go through the host's
 * {@link TransferStall}, and hostile entries are listed under their raw names.
 */
final class ReadOnlySftpAccessor implements SftpFileSystemAccessor {

    private static final Set<OpenOption> WRITE_OPTIONS = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);

    private final String host;
    private final SftpOperationLog log;
    private final TransferStall stall;
    private final HostileNames hostileNames;

    ReadOnlySftpAccessor(String host, SftpOperationLog log, TransferStall stall, HostileNames hostileNames) {
        this.host = host;
        this.log = log;
        this.stall = stall;
        this.hostileNames = hostileNames;
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        if (options.stream().anyMatch(WRITE_OPTIONS::contains)) {
            throw refuse(subsystem, "OPEN", file, "open for writing " + options);
        }
        return new StallingChannel(SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options,
                attrs), stall);
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
            String handle, LinkOption... options) throws IOException {
        stall.awaitListing(subsystem.getServerSession()::isOpen);
        return SftpFileSystemAccessor.super.openDirectory(subsystem, dirHandle, dir, handle, options);
    }

    @Override
    public void putRemoteFileName(SftpSubsystemProxy subsystem, Path path, Buffer buffer, String name,
            boolean shortName) throws IOException {
        Optional<byte[]> hostile = hostileNames.listedName(subsystem.getServerSession().getUsername(),
                path.toString());
        if (hostile.isEmpty()) {
            SftpFileSystemAccessor.super.putRemoteFileName(subsystem, path, buffer, name, shortName);
            return;
        }
        // Raw bytes, not a Java string: the point is to send what no file system would hold (e.g. invalid UTF-8).
        String realName = path.getFileName().toString();
        int at = name.lastIndexOf(realName);
        if (shortName || at < 0) {
            buffer.putBytes(hostile.get());
            return;
        }
        byte[] before = name.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = name.substring(at + realName.length()).getBytes(StandardCharsets.UTF_8);
        byte[] longName = new byte[before.length + hostile.get().length + after.length];
        System.arraycopy(before, 0, longName, 0, before.length);
        System.arraycopy(hostile.get(), 0, longName, before.length, hostile.get().length);
        System.arraycopy(after, 0, longName, before.length + hostile.get().length, after.length);
        buffer.putBytes(longName);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        throw refuse(subsystem, isDirectory ? "RMDIR" : "REMOVE", path, "remove");
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        throw refuse(subsystem, "RENAME", oldPath, "rename to " + newPath);
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        throw refuse(subsystem, "COPY", src, "copy to " + dst);
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        throw refuse(subsystem, "MKDIR", path, "create directory");
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
            throws IOException {
        throw refuse(subsystem, symLink ? "SYMLINK" : "LINK", link, "link to " + existing);
    }

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
            LinkOption... options) throws IOException {
        throw refuse(subsystem, "SETSTAT", file, "set " + view + ":" + attribute);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw refuse(subsystem, "SETSTAT", file, "set owner");
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw refuse(subsystem, "SETSTAT", file, "set group");
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms,
            LinkOption... options) throws IOException {
        throw refuse(subsystem, "SETSTAT", file, "set permissions");
    }

    @Override
    public void setFileAccessControl(SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl,
            LinkOption... options) throws IOException {
        throw refuse(subsystem, "SETSTAT", file, "set ACL");
    }

    @Override
    public void applyExtensionFileAttributes(SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions,
            LinkOption... options) throws IOException {
        if (!extensions.isEmpty()) {
            throw refuse(subsystem, "SETSTAT", file, "set extended attributes");
        }
    }

    private AccessDeniedException refuse(SftpSubsystemProxy subsystem, String operation, Path path, String what) {
        String detail = what + " refused: RAP is read-only";
        log.refused(host, subsystem.getServerSession(), operation, path.toString(), detail);
        return new AccessDeniedException(path.toString(), null, detail);
    }

    /** A read channel that honours the host's transfer stall. */
    private static final class StallingChannel implements SeekableByteChannel {

        private final SeekableByteChannel delegate;
        private final TransferStall stall;

        StallingChannel(SeekableByteChannel delegate, TransferStall stall) {
            this.delegate = delegate;
            this.stall = stall;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int allowed = (int) stall.allowance(delegate.position(), dst.remaining(), delegate);
            if (allowed >= dst.remaining()) {
                return delegate.read(dst);
            }
            ByteBuffer slice = dst.slice();
            slice.limit(allowed);
            int read = delegate.read(slice);
            if (read > 0) {
                dst.position(dst.position() + read);
            }
            return read;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new AccessDeniedException("RAP is read-only");
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            throw new AccessDeniedException("RAP is read-only");
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
