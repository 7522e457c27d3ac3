#!/usr/bin/env python3
"""Writes README.md from tools/README.template.md: each `@@COMMAND` line becomes `$ COMMAND` followed by
what the command prints, run with the debug build first on PATH in the repository. `make test` checks the
README against the real binary (Tests/GoldenTests/ReadmeTests.swift); run this after changing the template."""
import os
import subprocess

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
env = dict(os.environ)
env["PATH"] = os.path.join(root, ".build", "debug") + os.pathsep + env.get("PATH", "")
env.pop("COOPKB_KB", None)
out = []
with open(os.path.join(root, "tools", "README.template.md"), encoding="utf-8") as template:
    for line in template:
        if line.startswith("@@"):
            command = line[2:].rstrip("\n")
            result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=env, cwd=root)
            out.append("$ " + command + "\n" + result.stdout)
        else:
            out.append(line)
with open(os.path.join(root, "README.md"), "w", encoding="utf-8") as readme:
    readme.write("".join(out))
