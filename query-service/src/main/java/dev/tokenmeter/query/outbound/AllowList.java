package dev.tokenmeter.query.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The operator's allow-list ({@link OutboundSettings#allow()}), parsed once: host names and address blocks. */
final class AllowList {

    /** An address block; an IPv4 block also holds the IPv6 forms embedding its addresses. */
    record Block(byte[] network, int prefix) {

        boolean contains(InetAddress address) {
            byte[] bytes = Addresses.embeddedV4(address.getAddress());
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    private final Set<String> names;
    private final List<Block> blocks;

    private AllowList(Set<String> names, List<Block> blocks) {
        this.names = names;
        this.blocks = blocks;
    }

    /**
     * Parses the entries.
     *
     * @throws IllegalArgumentException for an entry that is neither a host name nor an address or CIDR block
     */
    static AllowList of(List<String> entries) {
        Set<String> names = new TreeSet<>();
        List<Block> blocks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            InetAddress address = Addresses.literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null && slash < 0 && entry.matches("[A-Za-z0-9_.-]+")) {
                names.add(normalize(entry));
            } else if (address != null) {
                blocks.add(block(entry, address, slash));
            } else {
                throw new IllegalArgumentException("tokenmeter.outbound.allow: '" + entry
                        + "' is neither a host name nor an address or CIDR block");
            }
        }
        return new AllowList(Set.copyOf(names), List.copyOf(blocks));
    }

    private static Block block(String entry, InetAddress address, int slash) {
        byte[] network = address.getAddress();
        int bits = network.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("tokenmeter.outbound.allow: '" + entry + "' has no valid prefix length (0-" + bits + ")");
        }
        return new Block(network, prefix);
    }

    static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    boolean names(String host) {
        return names.contains(normalize(host));
    }

    boolean holds(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }
}
