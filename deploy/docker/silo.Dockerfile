# syntax=docker/dockerfile:1
# OrleansChat silo. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t orleanschat/silo:latest .
# Settings come from environment variables (deploy/config-contract.json).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json is left out on purpose: it pins the SDK of development machines, while the image
# tag above is the pin for container builds.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
# Project files first, so the restore layer is reused until a dependency changes.
COPY src/Runtime/OrleansChat.Runtime.csproj src/Runtime/
COPY src/Runtime.CodeGenerator/OrleansChat.Runtime.CodeGenerator.csproj src/Runtime.CodeGenerator/
COPY src/Grains/OrleansChat.Grains.csproj src/Grains/
COPY src/Silo/OrleansChat.Silo.csproj src/Silo/
RUN dotnet restore src/Silo/OrleansChat.Silo.csproj
COPY src/ src/
RUN dotnet publish src/Silo/OrleansChat.Silo.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl is only for HEALTHCHECK; the runtime image has no HTTP client of its own.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# ASPNETCORE_URLS alone decides the HTTP port; the base image's ASPNETCORE_HTTP_PORTS would
# otherwise be overridden with a warning at every start.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Silo__Port=11111 \
    Silo__ProbePort=11112
# 8080: HTTP (/healthz, /readyz, /metrics); 11111: silo messages; 11112: membership probes.
EXPOSE 8080 11111 11112
# The non-root "app" user (APP_UID) of the .NET images, by number so that Kubernetes'
# runAsNonRoot can verify it.
USER 1654
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "OrleansChat.Silo.dll"]
