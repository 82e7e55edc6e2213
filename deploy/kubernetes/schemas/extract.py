#!/usr/bin/env python3
"""Writes the schemas the manifests are validated against (KubernetesManifestsTest) from the published sources.

usage: extract.py <kubernetes swagger.json> <crd.yaml>...

- kubernetes.json: the definitions of the kinds in KINDS and everything they refer to, from the Kubernetes API's
  OpenAPI (v2) document, unchanged.
- <group>_<plural>_<version>.json: each CRD's openAPIV3Schema, per served version, unchanged.
Needs PyYAML. The sources used are listed in README.md beside this file.
"""
import json
import sys

import yaml

KINDS = [
    "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.core.v1.Service",
    "io.k8s.api.core.v1.ConfigMap",
    "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.ServiceAccount",
    "io.k8s.api.core.v1.Namespace",
    "io.k8s.api.policy.v1.PodDisruptionBudget",
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    "io.k8s.api.networking.v1.NetworkPolicy",
    "io.k8s.api.networking.v1.Ingress",
]


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.split("/")[-1])
            else:
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(swagger, crds):
    definitions = json.load(open(swagger))["definitions"]
    keep, todo = set(), list(KINDS)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    with open("kubernetes.json", "w") as out:
        json.dump({"definitions": {k: definitions[k] for k in sorted(keep)}}, out, indent=1, sort_keys=True)
        out.write("\n")
    for path in crds:
        for doc in yaml.safe_load_all(open(path)):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for version in spec["versions"]:
                if not version.get("served"):
                    continue
                name = "%s_%s_%s.json" % (spec["group"], spec["names"]["plural"], version["name"])
                with open(name, "w") as out:
                    json.dump(version["schema"]["openAPIV3Schema"], out, indent=1, sort_keys=True)
                    out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
