package dev.taskwire.qrs.testkit.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the front door made of a request: refused with an answer, or admitted to QRS with the path
 * segments after any virtual proxy prefix and the user it runs as.
 *
 * @param refusal the answer when refused, else null
 * @param segments the decoded path segments QRS sees
 * @param user the user, <code>DIRECTORY&#92;userId</code>, or null for none
 * @param clientCertificateSubject the subject of the client certificate, or null
 * @param responseHeaders headers to add to the answer, such as a session cookie
 */
public record Admission(
    @Nullable Response refusal,
    List<String> segments,
    @Nullable String user,
    @Nullable String clientCertificateSubject,
    Map<String, String> responseHeaders) {

  /** A refusal answering {@code response}. */
  public static Admission refused(Response response, @Nullable String clientCertificateSubject) {
    return new Admission(response, List.of(), null, clientCertificateSubject, Map.of());
  }
}
