package dev.taskwire.core.tls;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Tells whether a private key belongs to a public key, without signing anything. */
final class KeyPairs {

  private KeyPairs() {}

  static boolean match(PublicKey publicKey, PrivateKey privateKey) {
    if (publicKey instanceof RSAPublicKey rsa && privateKey instanceof RSAPrivateCrtKey crt) {
      return rsa.getModulus().equals(crt.getModulus())
          && rsa.getPublicExponent().equals(crt.getPublicExponent());
    }
    if (publicKey instanceof ECPublicKey ec && privateKey instanceof ECPrivateKey ecPrivate) {
      return ec.getParams().getCurve().equals(ecPrivate.getParams().getCurve());
    }
    // Another key type: let the TLS handshake be the judge.
    return true;
  }
}
