//! TLS to the corpus database, set the way libpq sets it: `sslmode`,
//! `sslrootcert`, `sslcert` and `sslkey` in the URL's query, else the
//! `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT` and `PGSSLKEY` variables, else
//! the files under `~/.postgresql/`. The default mode is `prefer`: TLS when
//! the server offers it. The handshake is rustls (no OpenSSL to install).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use postgres::config::SslMode;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How much the client insists on, in libpq's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Never TLS.
    Disable,
    /// TLS when the server offers it, unverified (libpq's `allow` too).
    Prefer,
    /// TLS or no connection; the certificate is not checked unless a root
    /// certificate is at hand, as in libpq.
    Require,
    /// TLS with a certificate signed by the root certificate.
    VerifyCa,
    /// As `VerifyCa`, and the certificate names the host connected to.
    VerifyFull,
}

impl Mode {
    fn parse(value: &str) -> Result<Mode, String> {
        Ok(match value {
            "disable" => Mode::Disable,
            "allow" | "prefer" => Mode::Prefer,
            "require" => Mode::Require,
            "verify-ca" => Mode::VerifyCa,
            "verify-full" => Mode::VerifyFull,
            other => {
                return Err(format!(
                    "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                ));
            }
        })
    }
}

/// The TLS settings of one database URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsSettings {
    pub mode: Mode,
    pub root_cert: Option<PathBuf>,
    /// The client's own certificate and key, for `cert` authentication.
    pub client_cert: Option<(PathBuf, PathBuf)>,
}

/// The URL without its TLS parameters (which the driver does not take)
/// and the settings they, the environment and `~/.postgresql` give.
pub fn split_url(url: &str) -> Result<(String, TlsSettings), String> {
    let env = |name: &str| std::env::var_os(name).map(PathBuf::from);
    let home_file = |name: &str| {
        std::env::var_os("HOME")
            .map(|home| PathBuf::from(home).join(".postgresql").join(name))
            .filter(|path| path.is_file())
    };
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let (mut mode, mut root, mut cert, mut key) = (None, None, None, None);
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded = || percent_decode_str(value).decode_utf8_lossy().into_owned();
        match name {
            "sslmode" => mode = Some(decoded()),
            "sslrootcert" => root = Some(PathBuf::from(decoded())),
            "sslcert" => cert = Some(PathBuf::from(decoded())),
            "sslkey" => key = Some(PathBuf::from(decoded())),
            _ => kept.push(pair),
        }
    }
    let mode = match mode.or_else(|| std::env::var("PGSSLMODE").ok()) {
        Some(value) => Mode::parse(&value)?,
        None => Mode::Prefer,
    };
    let root_cert = root
        .or_else(|| env("PGSSLROOTCERT"))
        .or_else(|| home_file("root.crt"));
    let cert = cert
        .or_else(|| env("PGSSLCERT"))
        .or_else(|| home_file("postgresql.crt"));
    let key = key
        .or_else(|| env("PGSSLKEY"))
        .or_else(|| home_file("postgresql.key"));
    let client_cert = match (cert, key) {
        (Some(cert), Some(key)) => Some((cert, key)),
        (Some(cert), None) => {
            return Err(format!(
                "sslcert={} needs its key: set sslkey or PGSSLKEY",
                cert.display()
            ));
        }
        _ => None,
    };
    let stripped = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let settings = TlsSettings {
        mode,
        root_cert,
        client_cert,
    };
    Ok((stripped, settings))
}

impl TlsSettings {
    /// What the driver is told: whether to ask for TLS, and whether to
    /// give up without it.
    pub fn driver_mode(&self) -> SslMode {
        match self.mode {
            Mode::Disable => SslMode::Disable,
            Mode::Prefer => SslMode::Prefer,
            Mode::Require | Mode::VerifyCa | Mode::VerifyFull => SslMode::Require,
        }
    }

    /// The connector for these settings; an unreadable certificate or key
    /// is an error naming the file.
    pub fn connector(&self) -> Result<MakeRustlsConnect, String> {
        // ring, not aws-lc-rs: it builds with a C compiler alone. Its lack
        // of post-quantum key exchange (the deprecation) costs nothing here:
        // the handshake falls back to X25519 as PostgreSQL servers offer.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let chain = match (&self.root_cert, self.mode) {
            (None, Mode::VerifyCa | Mode::VerifyFull) => {
                return Err(
                    "sslmode=verify-ca and verify-full need the server's root certificate: \
                     set sslrootcert or PGSSLROOTCERT, or put it at ~/.postgresql/root.crt"
                        .into(),
                );
            }
            // libpq checks the chain whenever a root certificate is at hand,
            // except in the modes that do not insist on TLS at all.
            (Some(path), Mode::Require | Mode::VerifyCa | Mode::VerifyFull) => {
                Some(chain_verifier(path, &provider)?)
            }
            _ => None,
        };
        let verifier = Verifier {
            chain,
            check_name: self.mode == Mode::VerifyFull,
            provider: Arc::clone(&provider),
        };
        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier));
        let config = match &self.client_cert {
            Some((cert, key)) => {
                let certs = read_certificates(cert)?;
                let key = PrivateKeyDer::from_pem_file(key)
                    .map_err(|e| format!("{}: not a PEM private key ({e})", key.display()))?;
                builder
                    .with_client_auth_cert(certs, key)
                    .map_err(|e| format!("{}: {e}", cert.display()))?
            }
            None => builder.with_no_client_auth(),
        };
        Ok(MakeRustlsConnect::new(config))
    }
}

fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let not_pem = |e: rustls::pki_types::pem::Error| {
        format!("{}: not a PEM certificate file ({e})", path.display())
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(not_pem)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(not_pem)?;
    if certs.is_empty() {
        return Err(format!("{}: holds no certificate", path.display()));
    }
    Ok(certs)
}

fn chain_verifier(
    path: &Path,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, String> {
    let mut roots = RootCertStore::empty();
    for cert in read_certificates(path)? {
        roots
            .add(cert)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(provider))
        .build()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Checks the server's certificate as the mode asks: not at all, the chain
/// only, or the chain and the host name. The handshake's signatures are
/// always checked, so the key exchange itself cannot be forged.
#[derive(Debug)]
struct Verifier {
    chain: Option<Arc<WebPkiServerVerifier>>,
    check_name: bool,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            // The name is checked after the chain, so this error means the
            // chain held.
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_parameters_leave_the_url_and_the_rest_stay() {
        let (url, settings) = split_url(
            "postgres://reader@db/news?sslmode=verify-full&application_name=desk&sslrootcert=%2Fetc%2Fca.pem",
        )
        .unwrap();
        assert_eq!(url, "postgres://reader@db/news?application_name=desk");
        assert_eq!(settings.mode, Mode::VerifyFull);
        assert_eq!(settings.root_cert, Some(PathBuf::from("/etc/ca.pem")));
    }

    #[test]
    fn an_unknown_mode_is_named() {
        let err = split_url("postgres://db/news?sslmode=always").unwrap_err();
        assert!(err.contains("sslmode=always"), "{err}");
    }

    #[test]
    fn verifying_without_a_root_certificate_says_what_is_missing() {
        let settings = TlsSettings {
            mode: Mode::VerifyFull,
            root_cert: None,
            client_cert: None,
        };
        let err = settings.connector().err().unwrap();
        assert!(err.contains("sslrootcert"), "{err}");
    }

    #[test]
    fn a_root_certificate_that_is_not_pem_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("root.crt");
        std::fs::write(&path, "not a certificate").unwrap();
        let settings = TlsSettings {
            mode: Mode::VerifyCa,
            root_cert: Some(path.clone()),
            client_cert: None,
        };
        let err = settings.connector().err().unwrap();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
    }
}
