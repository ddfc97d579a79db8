{{- define "upshift.labels" -}}
app.kubernetes.io/part-of: upshift
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "upshift.selector" -}}
app.kubernetes.io/name: upshift-{{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Environment shared by every service: where Kafka, the registry and the secrets are. */}}
{{- define "upshift.commonEnv" -}}
- name: UPSHIFT_KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: UPSHIFT_SCHEMA_REGISTRY_URL
  value: {{ .Values.kafka.schemaRegistryUrl | quote }}
- name: UPSHIFT_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: UPSHIFT_MANAGEMENT_PORT
  value: "8081"
- name: JAVA_TOOL_OPTIONS
  value: "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
{{- end -}}

{{- define "upshift.databaseEnv" -}}
- name: UPSHIFT_DB_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s?sslmode=require" .root.Values.database.host .root.Values.database.port .database | quote }}
- name: UPSHIFT_DB_USER
  value: {{ .root.Values.database.user | quote }}
- name: UPSHIFT_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.database.existingSecret }}
      key: password
{{- end -}}

{{- define "upshift.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  failureThreshold: 3
{{- end -}}
