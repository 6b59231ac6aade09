#pragma once
// Digests: SHA-256 (the manifests' digest that saved plans record) and
// HMAC-SHA-256 (keyed fingerprints). The one adapter over OpenSSL's libcrypto,
// which libcurl loads anyway; nothing else includes OpenSSL.

#include <memory>
#include <string>
#include <string_view>

namespace dactl {

/// An incremental SHA-256: feed bytes with update(), then read hex_digest() once.
class Sha256 {
public:
    /// Starts an empty message.
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    /// Adds bytes to the message.
    void update(std::string_view bytes);
    /// The digest of everything added, as 64 lower-case hex digits. Ends the
    /// message: call it once, after the last update().
    std::string hex_digest();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`, as 64 lower-case hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// `bytes` bytes from OpenSSL's cryptographic generator, as 2 x `bytes`
/// lower-case hex digits: secret keys.
std::string random_hex(std::size_t bytes);

}  // namespace dactl
