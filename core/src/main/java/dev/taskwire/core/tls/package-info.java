/**
 * Reading certificates and keys as the Qlik Management Console and common tools export them (PEM
 * with PKCS#1 or PKCS#8 keys, encrypted or not; PKCS#12; DER), and building TLS contexts that trust
 * only a configured root.
 */
@NullMarked
package dev.taskwire.core.tls;

import org.jspecify.annotations.NullMarked;
