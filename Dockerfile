# The maple CLI in a container image, for sweeps on Kubernetes (docs/scale-out.md):
#   docker build -t maple-cli:latest .        (from the repository root; podman and buildah build the same file)
#   docker run --rm maple-cli:latest --help
# Kubernetes Jobs written by 'maple sweep' run `maple run-spec /runs` in it (their `command:` replaces the entrypoint).
# The image carries the CPU build of libtorch that the CLI project references; for GPUs build from an image with the
# CUDA runtime and reference the CUDA libtorch package instead (docs/getting-started.md, runtime packages).
# SDK_IMAGE / RUNTIME_IMAGE choose other base images: a mirror, or the images docker/offline-base-images.sh makes
# without a registry; docker/prebuilt.Dockerfile builds the same image from a 'dotnet publish' made outside (scale-out.md).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
# linux-x64 only: the other platforms' native libraries (SkiaSharp, ...) would add about 430 MB.
RUN dotnet publish src/MaPLe.Cli/MaPLe.Cli.csproj -c Release -r linux-x64 --self-contained false -o /app -p:UseAppHost=true

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
RUN ln -s /app/maple /usr/local/bin/maple
# The runs folder and the datasets are volumes (docs/scale-out.md: shared read-write runs, read-only data).
VOLUME ["/runs", "/data"]
ENTRYPOINT ["maple"]
