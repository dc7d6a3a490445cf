# The maple CLI image from a 'dotnet publish' output made outside the image (docs/scale-out.md, "Without a registry"):
# no SDK image is needed, only a .NET 10 runtime image. The build context is the publish folder:
#   dotnet publish src/MaPLe.Cli/MaPLe.Cli.csproj -c Release -o artifacts/maple-cli -p:UseAppHost=true
#   podman build -f docker/prebuilt.Dockerfile -t maple-cli:latest artifacts/maple-cli
# The result is the same as the repository's Dockerfile builds (its second stage); RUNTIME_IMAGE as there.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY . .
RUN test -x /app/maple || { echo "the build context is not a 'dotnet publish -p:UseAppHost=true' output of src/MaPLe.Cli" >&2; exit 3; } \
 && ln -s /app/maple /usr/local/bin/maple
VOLUME ["/runs", "/data"]
ENTRYPOINT ["maple"]
