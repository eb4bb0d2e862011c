#pragma once
// Fixed public keys for inventory tests, made once with ssh-keygen (public halves only; the
// private ones were thrown away): fixed so that tests do not depend on ssh-keygen being installed.

namespace alarmgate::test_keys {

inline constexpr const char* kEd25519Data =
    "AAAAC3NzaC1lZDI1NTE5AAAAIF9bLcuB8PrZo2BXbLJttKP0qN0WZX8qpQZ5Dt1/65NZ";
inline constexpr const char* kRsaData =
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7Z+48BWW0840V8uAbRJgkJpmmiCDhXd+Ff/LGvlezQqdT31plSmclc3bafuOj"
    "idPuFUyae6k4HwWKa2bvSiLTAXKv+pbNP71VYZzy4CDnH+84eVWfcPRmSY+6K8KswewzcWHf0MEIe+UnhF46i58TY+O"
    "N7yHSpkzHcMz2t6Iqmw==";
inline constexpr const char* kEcdsaData =
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGyZ00xaI1xar1CwRGKFZAOvfcdSUSF5Tj4HA7LP"
    "L1h2DXIxoNgdsJ2Y5ubYn1Nb4PZ2UVDqasCcanL6KdP6+S4=";

}  // namespace alarmgate::test_keys
