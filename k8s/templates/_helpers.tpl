{{/* The chart's name, overridable. */}}
{{- define "chat.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart's name. */}}
{{- define "chat.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "chat.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* What the chart runs; every per-component template ranges over this list. */}}
{{- define "chat.components" -}}
{{- $components := list "auth" "rooms" "gateway" }}
{{- if .Values.web.enabled }}
{{- $components = append $components "web" }}
{{- end }}
{{- $components | toJson }}
{{- end }}

{{/* The services that hold state connections (MongoDB, Redis) and secrets; not the web host. */}}
{{- define "chat.services" -}}
{{- list "auth" "rooms" "gateway" | toJson }}
{{- end }}

{{/* The image's entrypoint starts the app named by its first argument. */}}
{{- define "chat.appCommand" -}}
{{- if eq . "web" }}web-host{{ else }}{{ . }}{{ end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "chat.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "chat.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chat
{{- end }}

{{/* Labels that pick every pod of this release. */}}
{{- define "chat.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The following take (dict "root" $ "component" "auth"). */}}

{{- define "chat.componentName" -}}
{{- printf "%s-%s" (include "chat.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chat.componentSelectorLabels" -}}
{{ include "chat.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "chat.componentLabels" -}}
{{ include "chat.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "chat.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create }}
{{- include "chat.componentName" . }}
{{- else }}
{{- "default" }}
{{- end }}
{{- end }}

{{/*
SHUTDOWN_DRAIN_DELAY_MS: after SIGTERM readiness stays false this long before the server stops
accepting, which is as long as the readiness probe takes to notice (period x failure threshold).
*/}}
{{- define "chat.drainDelayMs" -}}
{{- $readiness := .root.Values.probes.readiness }}
{{- mul $readiness.periodSeconds $readiness.failureThreshold 1000 }}
{{- end }}

{{/*
The kubelet waits preStop, then sends SIGTERM, then waits what is left of the grace period. The
process's own watchdog ends it after SHUTDOWN_GRACE_MS, so the period covers both plus a margin.
*/}}
{{- define "chat.terminationGracePeriodSeconds" -}}
{{- $shutdown := (index .root.Values .component).shutdown }}
{{- $graceSeconds := div (add $shutdown.graceMs 999) 1000 }}
{{- add $shutdown.preStopSleepSeconds $graceSeconds .root.Values.shutdownMarginSeconds }}
{{- end }}

{{- define "chat.secretName" -}}
{{- default (printf "%s-secrets" (include "chat.fullname" .)) .Values.secrets.name }}
{{- end }}

{{- define "chat.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* The URL rooms and gateways fetch auth's public keys from, inside the cluster. */}}
{{- define "chat.jwksUrl" -}}
{{- printf "http://%s:%v/api/auth/jwks" (include "chat.componentName" (dict "root" . "component" "auth")) .Values.auth.port }}
{{- end }}
