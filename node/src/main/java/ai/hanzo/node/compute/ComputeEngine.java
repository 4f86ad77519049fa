package ai.hanzo.node.compute;

/** The compute engine's faces, handed to the API together once the engine exists. */
public record ComputeEngine(DeploymentService deployments, ContainerService containers,
    SchedulingControl scheduling) {}
