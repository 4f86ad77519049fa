package ai.hanzo.node.iam;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The identity a verified client certificate stands for: its first URI subject alternative name (a SPIFFE id such
 * as {@code spiffe://hanzo/ci}), else the CN of its subject. Role bindings name it as {@code cert:<identity>}, so a
 * certificate can never pick up the bindings of a token subject that happens to read the same.
 */
public final class CertificateIdentity {
  /** The prefix of certificate subjects in role bindings and in the audit trail. */
  public static final String SUBJECT_PREFIX = "cert:";
  private static final int URI_NAME = 6;

  private CertificateIdentity() {}

  /** The identity, or {@code null} when the certificate has neither a URI SAN nor a CN. */
  public static String of(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() >= 2 && Integer.valueOf(URI_NAME).equals(name.get(0)) && name.get(1) instanceof String s
              && !s.isBlank()) {
            return s;
          }
        }
      }
    } catch (CertificateParsingException e) {
      // A malformed SAN extension: fall back to the CN, which the CA vouched for as well.
    }
    return commonName(certificate.getSubjectX500Principal().getName());
  }

  private static String commonName(String distinguishedName) {
    try {
      List<Rdn> rdns = new LdapName(distinguishedName).getRdns();
      // LdapName lists RDNs last-to-first; the most specific CN is the last one read.
      for (int i = rdns.size() - 1; i >= 0; i--) {
        Rdn rdn = rdns.get(i);
        if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn && !cn.isBlank()) {
          return cn;
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }
}
