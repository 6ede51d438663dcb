package org.tocsin.subscriptions.abuse;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The network a request comes from, as rate limits count it: an IPv4 address, or the /64
 * network of an IPv6 address (one subscriber line gets a whole /64, so counting single IPv6
 * addresses would count nothing). Built from the servlet's remote address, which is the TCP
 * peer unless the peer is a configured trusted proxy (see the README: client address).
 */
public record ClientAddress(String network) {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

  public static ClientAddress of(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return new ClientAddress("unknown");
    }
    String literal = remoteAddress.strip();
    if (!LITERAL.matcher(literal).matches()) {
      return new ClientAddress("unparsable");
    }
    try {
      // A literal: getByName only checks its format, no name lookup happens.
      InetAddress address = InetAddress.getByName(literal);
      if (address instanceof Inet6Address) {
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        return new ClientAddress(InetAddress.getByAddress(network).getHostAddress() + "/64");
      }
      return new ClientAddress(address.getHostAddress());
    } catch (UnknownHostException e) {
      return new ClientAddress("unparsable");
    }
  }

  @Override
  public String toString() {
    return network;
  }
}
