#!/bin/sh
# docker-compose's one-shot setup: the SCRAM-SHA-512 users of the services (and of the example
# vendor acme) and the ACLs of AclPlan (acls.sh), created as the admin over the brokers' PLAIN
# listener. Safe to run again: credentials are replaced, existing ACLs are kept.
# (One kafka-acls.sh JVM per ACL: the first run takes a few minutes.)
set -eu
BOOTSTRAP=kafka-1:9091
CONFIG=/tmp/admin.properties
printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=PLAIN" \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$SSAL_KAFKA_ADMIN_PASSWORD\";" \
  > "$CONFIG"

user() {
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=4096,password=$2]"
}
acl() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --add --force "$@" > /dev/null
}

user ssal-campaign "$SSAL_KAFKA_PASSWORD_CAMPAIGN"
user ssal-trainer "$SSAL_KAFKA_PASSWORD_TRAINER"
user ssal-scorer "$SSAL_KAFKA_PASSWORD_SCORER"
user ssal-oracle "$SSAL_KAFKA_PASSWORD_ORACLE"
user ssal-labeling "$SSAL_KAFKA_PASSWORD_LABELING"
user vendor-acme "$SSAL_KAFKA_PASSWORD_VENDOR_ACME"
. /ssal/acls.sh
echo "kafka-setup: users and ACLs in place"
