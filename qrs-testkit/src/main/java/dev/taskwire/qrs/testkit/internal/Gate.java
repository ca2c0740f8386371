package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Map;

/** The front door of a listener: direct QRS access or a virtual proxy. */
public interface Gate {

  /**
   * Admits or refuses a request.
   *
   * @param exchange the exchange, for its TLS session
   * @param segments the decoded path segments as received
   * @param headers the request headers, names lower-cased
   */
  Admission admit(HttpExchange exchange, List<String> segments, Map<String, List<String>> headers);
}
