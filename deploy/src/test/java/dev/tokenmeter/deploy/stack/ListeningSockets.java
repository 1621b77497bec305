package dev.tokenmeter.deploy.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The TCP sockets that given processes listen on, as Linux's {@code /proc} tells: the socket inodes
 * among each process's open files ({@code /proc/<pid>/fd}), matched with the LISTEN entries of
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}. No {@code ss} or {@code netstat} needed.
 */
final class ListeningSockets {

    /** One listening socket: the address it is bound to, its port, and the process holding it. */
    record Listener(InetAddress address, int port, long pid) {
        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port + " (pid " + pid + ")";
        }
    }

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static List<Listener> of(Collection<Long> pids) throws IOException {
        Map<Long, Long> owners = new HashMap<>();
        for (long pid : pids) {
            socketInodes(pid).forEach(inode -> owners.put(inode, pid));
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) { // after the header
                String[] fields = line.trim().split("\\s+");
                Long pid = owners.get(Long.parseLong(fields[9]));
                if (fields[3].equals(LISTEN) && pid != null) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16), pid));
                }
            }
        }
        return listeners;
    }

    /** The inodes of the sockets among a process's open files (links {@code socket:[inode]}). */
    private static List<Long> socketInodes(long pid) throws IOException {
        List<Long> inodes = new ArrayList<>();
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isDirectory(fds)) {
            return inodes; // the process ended meanwhile
        }
        try (Stream<Path> files = Files.list(fds)) {
            for (Path fd : files.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // closed between listing and reading
                }
            }
        }
        return inodes;
    }

    /**
     * {@code /proc/net/tcp*} writes an address as 32-bit words in host (little-endian) order: 127.0.0.1
     * is {@code 0100007F}. An IPv4-mapped IPv6 address (a dual-stack JVM socket bound to 127.0.0.1)
     * comes back as an {@link java.net.Inet4Address}.
     */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(address);
    }
}
