//go:build tools

// Package tools pins the YAML language host (github.com/pulumi/pulumi-yaml, tagged
// v1.25.0, served by the Go module proxy) so `go mod tidy` keeps its dependencies. It is
// a module of its own: pulumi-yaml pins an older Pulumi SDK than the CLI in ../pulumi-cli.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
