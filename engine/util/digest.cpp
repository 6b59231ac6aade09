#include "engine/util/digest.h"

#include <array>
#include <new>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace dactl {

namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        text += k_digits[bytes[i] >> 4];
        text += k_digits[bytes[i] & 0x0f];
    }
    return text;
}

}  // namespace

// OpenSSL fails these calls only when out of memory; that ends the run as
// any failed allocation does.
struct Sha256::Context {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    Context() {
        if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1) {
            throw std::bad_alloc();
        }
    }
    ~Context() { EVP_MD_CTX_free(context); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
};

Sha256::Sha256() : m_context(std::make_unique<Context>()) {}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    if (EVP_DigestUpdate(m_context->context, bytes.data(), bytes.size()) != 1) {
        throw std::bad_alloc();
    }
}

std::string Sha256::hex_digest() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(m_context->context, digest.data(), &size) != 1) {
        throw std::bad_alloc();
    }
    return hex(digest.data(), size);
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, message.size(),
             digest.data(), &size) == nullptr) {
        throw std::bad_alloc();
    }
    return hex(digest.data(), size);
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
        throw std::bad_alloc();  // the generator failed to seed: nothing safe to answer
    }
    return hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

}  // namespace dactl
