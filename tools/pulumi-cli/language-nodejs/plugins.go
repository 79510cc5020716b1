package main

// RunPlugin: the engine asks the language host to start plugins written in Node.js. The
// one this project needs is a policy pack (`pulumi preview --policy-pack <dir>`), which
// the engine starts as an "analyzer" plugin.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	dir := req.GetInfo().GetProgramDirectory()
	analyzer := req.GetKind() == "analyzer"
	module := "@pulumi/pulumi/cmd/run-plugin"
	if analyzer {
		// Policy packs are started by the SDK's own runner for them.
		module = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runner, err := resolveModule(dir, module)
	if err != nil {
		return err
	}

	env := append(os.Environ(), req.GetEnv()...)
	if typescriptEnabled(req.GetInfo().GetOptions().AsMap()) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	args := []string{runner}
	if analyzer {
		// The policy-pack runner takes the engine's arguments first and the pack's directory last.
		args = append(args, req.GetArgs()...)
		args = append(args, dir)
	} else {
		args = append(args, dir)
		args = append(args, req.GetArgs()...)
	}

	// A Node.js policy pack learns the stack it checks from the environment, which the
	// engine only tells an analyzer over gRPC: the SDK's proxy answers as the analyzer,
	// takes that configuration, then forwards every call to the pack once it runs.
	var proxy *sdk.PolicyProxy
	if analyzer {
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start the policy pack proxy: %w", err)
		}
		config, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get the stack configuration for the policy pack: %w", err)
		}
		if config != nil {
			set := func(k, v string) {
				if v != "" {
					env = append(env, k+"="+v)
				}
			}
			set("PULUMI_NODEJS_ORGANIZATION", config.GetOrganization())
			set("PULUMI_NODEJS_PROJECT", config.GetProject())
			set("PULUMI_NODEJS_STACK", config.GetStack())
			set("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(config.GetDryRun()))
			if c := config.GetConfig(); c != nil {
				b, err := json.Marshal(c)
				if err != nil {
					return err
				}
				set("PULUMI_CONFIG", string(b))
			}
		}
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	if analyzer {
		// Policy packs have always run in their own directory.
		cmd.Dir = dir
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		if proxy != nil {
			proxy.Abort(err)
		}
		return fmt.Errorf("could not start node: %w", err)
	}
	if proxy != nil {
		err = proxy.Attach(ctx, cmd)
	} else {
		err = cmd.Wait()
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf("plugin exited with non-zero exit code: %d", exit.ExitCode())
	}
	if err != nil {
		return err
	}
	return closer.Close()
}

// resolveModule finds `module` with Node's resolution from `dir`.
func resolveModule(dir, module string) (string, error) {
	cmd := exec.Command("node", "-e", `process.stdout.write(require.resolve(process.argv[1], { paths: [process.cwd()] }))`, module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s: install @pulumi/pulumi there: %w", module, dir, err)
	}
	return string(out), nil
}
