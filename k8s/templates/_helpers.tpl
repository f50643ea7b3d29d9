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

{{/* The Secret holding S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or nothing: the SDK's default credentials. */}}
{{- define "chat.s3CredentialsSecret" -}}
{{- $s3 := .Values.attachments.s3 }}
{{- if $s3.existingSecret }}
{{- $s3.existingSecret }}
{{- else if and .Values.secrets.create $s3.accessKeyId }}
{{- include "chat.secretName" . }}
{{- end }}
{{- end }}

{{/* Where the fs store keeps files: a volume mounted in every rooms pod. */}}
{{- define "chat.attachmentDir" -}}
/data/attachments
{{- end }}

{{/*
Settings that would render but not work. fs files live on one volume: replicas on emptyDirs would each
see their own uploads only. A claim found in the cluster (helm install/upgrade, not helm template) must
be ReadWriteMany, since the rooms pods run on several nodes.
*/}}
{{- define "chat.validateAttachments" -}}
{{- $attachments := .Values.attachments }}
{{- if eq $attachments.store "fs" }}
{{- with $attachments.fs.existingClaim }}
{{- $claim := lookup "v1" "PersistentVolumeClaim" $.Release.Namespace . }}
{{- if and $claim (not (has "ReadWriteMany" $claim.spec.accessModes)) }}
{{- fail (printf "attachments.fs.existingClaim %s must be ReadWriteMany: every rooms pod mounts it" .) }}
{{- end }}
{{- else }}
{{- if gt (int $.Values.rooms.replicas) 1 }}
{{- fail "attachments.store fs with rooms.replicas > 1 needs attachments.fs.existingClaim, a ReadWriteMany PVC that every rooms pod mounts at /data/attachments; or use attachments.store s3" }}
{{- end }}
{{- end }}
{{- end }}
{{- $s3 := $attachments.s3 }}
{{- if ne (empty $s3.accessKeyId) (empty $s3.secretAccessKey) }}
{{- fail "attachments.s3.accessKeyId and attachments.s3.secretAccessKey go together" }}
{{- end }}
{{- if and $s3.accessKeyId (or $s3.existingSecret (not .Values.secrets.create)) }}
{{- fail "attachments.s3.accessKeyId is rendered into the chart's Secret only (secrets.create: true, no attachments.s3.existingSecret); otherwise put S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY in a Secret named by attachments.s3.existingSecret" }}
{{- end }}
{{- end }}

{{/* The port rooms reaches S3 on: the endpoint's own, or its scheme's (AWS: 443). */}}
{{- define "chat.s3Port" -}}
{{- $endpoint := .Values.attachments.s3.endpoint }}
{{- if $endpoint }}
{{- $url := urlParse $endpoint }}
{{- $hostPort := splitList ":" $url.host }}
{{- if gt (len $hostPort) 1 }}{{ last $hostPort }}{{ else if eq $url.scheme "http" }}80{{ else }}443{{ end }}
{{- else }}443{{ end }}
{{- end }}

{{/* The Secret the gateway pods read the push secrets from: push.existingSecret, else the chart's. */}}
{{- define "chat.pushSecret" -}}
{{- .Values.push.existingSecret | default (include "chat.secretName" .) }}
{{- end }}

{{/*
The push secrets the gateway reads, as a JSON object of variable name to key in chat.pushSecret:
WEB_PUSH_VAPID_PRIVATE_KEY with Web Push on, PUSH_GATEWAY_SECRET with a push gateway that takes one.
*/}}
{{- define "chat.pushSecretKeys" -}}
{{- $push := .Values.push }}
{{- $keys := dict }}
{{- if $push.webPush.vapidPublicKey }}
{{- $_ := set $keys "WEB_PUSH_VAPID_PRIVATE_KEY" $push.secretKeys.vapidPrivateKey }}
{{- end }}
{{- if and $push.gateway.url $push.secretKeys.gatewaySecret }}
{{- $_ := set $keys "PUSH_GATEWAY_SECRET" $push.secretKeys.gatewaySecret }}
{{- end }}
{{- $keys | toJson }}
{{- end }}

{{/* The port the gateway reaches the push gateway on: the URL's own, or its scheme's. */}}
{{- define "chat.pushGatewayPort" -}}
{{- $url := urlParse .Values.push.gateway.url }}
{{- $hostPort := splitList ":" $url.host }}
{{- if gt (len $hostPort) 1 }}{{ last $hostPort }}{{ else if eq $url.scheme "http" }}80{{ else }}443{{ end }}
{{- end }}

{{/*
Push settings that would render but not work: a secret value the chart's Secret would not hold, a
private key without its public half, a Secret without the key a feature on needs.
*/}}
{{- define "chat.validatePush" -}}
{{- $push := .Values.push }}
{{- $secrets := .Values.secrets }}
{{- $chartSecret := and $secrets.create (not $push.existingSecret) }}
{{- range $value := list "webPushVapidPrivateKey" "pushGatewaySecret" }}
{{- if and (index $secrets $value) (not $chartSecret) }}
{{- fail (printf "secrets.%s is rendered into the chart's Secret only (secrets.create: true, no push.existingSecret); otherwise put it in the Secret named by push.existingSecret (or secrets.name)" $value) }}
{{- end }}
{{- end }}
{{- if and $secrets.webPushVapidPrivateKey (not $push.webPush.vapidPublicKey) }}
{{- fail "secrets.webPushVapidPrivateKey needs push.webPush.vapidPublicKey, its public half (npx web-push generate-vapid-keys prints both)" }}
{{- end }}
{{- if $chartSecret }}
{{- if and $push.webPush.vapidPublicKey (not $secrets.webPushVapidPrivateKey) }}
{{- fail "secrets.webPushVapidPrivateKey is required when push.webPush.vapidPublicKey is set and secrets.create is true" }}
{{- end }}
{{- if and $push.gateway.url $push.secretKeys.gatewaySecret (not $secrets.pushGatewaySecret) }}
{{- fail "secrets.pushGatewaySecret is required when push.gateway.url is set and secrets.create is true (or set push.secretKeys.gatewaySecret to \"\" for a gateway without a shared secret)" }}
{{- end }}
{{- end }}
{{- end }}
