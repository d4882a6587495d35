// What a sign-in costs this machine: an argon2id hash and a verification at libsodium's
// interactive limits (the default [admin] password_cost; DEPENDENCIES.md measured ~62-65 ms),
// the strength check a new password goes through (zxcvbn), and a sign-in id's keyed hash and
// form token (paid on every back-office request). Run by bench/desk.sh; wall time per call.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "security/password.h"
#include "security/signin_token.h"
#include "security/site_key.h"

namespace {

using broadsheet::security::PasswordCost;
using broadsheet::security::PasswordHasher;

void HashInteractive(benchmark::State& state) {
  PasswordHasher hasher(PasswordCost::kInteractive, 1);
  for (auto _ : state) benchmark::DoNotOptimize(hasher.Hash("quay lantern marmalade orbit"));
}
BENCHMARK(HashInteractive)->Unit(benchmark::kMillisecond)->UseRealTime();

void VerifyInteractive(benchmark::State& state) {
  PasswordHasher hasher(PasswordCost::kInteractive, 1);
  const std::string hash = *hasher.Hash("quay lantern marmalade orbit");
  for (auto _ : state) {
    benchmark::DoNotOptimize(hasher.Verify(hash, "quay lantern marmalade orbit"));
  }
}
BENCHMARK(VerifyInteractive)->Unit(benchmark::kMillisecond)->UseRealTime();

void StrengthCheck(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(broadsheet::security::PasswordWeakness(
        "quay lantern marmalade orbit", {"ed@example.org", "Ed Itor"}));
  }
}
BENCHMARK(StrengthCheck)->Unit(benchmark::kMicrosecond);

void SignInHashAndToken(benchmark::State& state) {
  broadsheet::security::SiteKey::Bytes bytes;
  bytes.fill(7);
  const broadsheet::security::SignInTokens tokens(
      broadsheet::security::SiteKey::FromBytes(bytes));
  const std::string id = broadsheet::security::SignInTokens::NewId();
  for (auto _ : state) {
    const std::string hash = tokens.StoredHash(id);
    benchmark::DoNotOptimize(tokens.FormToken("desk", hash));
  }
}
BENCHMARK(SignInHashAndToken)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
