package dev.flinkopslab.platform.deployments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The body of a create or a replace: metadata and spec (a status sent along is ignored; only the reconciler writes it). */
public record DeploymentRequest(@NotNull @Valid Metadata metadata, @NotNull @Valid DeploymentSpec spec) {}
