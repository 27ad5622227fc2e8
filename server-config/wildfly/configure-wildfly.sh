#!/usr/bin/env bash
# Configures a stopped WildFly (standalone.xml) for Cronium: PostgreSQL driver and the java:/jdbc/cronium data
# source (a plain Driver: with a datasource class set, WildFly ignores the connection URL and opens the user's default
# database), the settings EclipseLink and Cronium's security need, and MicroProfile Health.
# Usage: PG_JAR=... DB_URL=jdbc:postgresql://host:5432/cronium DB_USER=... DB_PASSWORD=... \
#        JWT_KEY=/etc/cronium/jwt-signing.pem server-config/wildfly/configure-wildfly.sh /path/to/wildfly
set -euo pipefail
wildfly="${1:?usage: $0 WILDFLY_HOME (with PG_JAR, DB_URL, DB_USER, DB_PASSWORD, JWT_KEY set)}"
: "${PG_JAR:?path of the PostgreSQL JDBC jar}" "${DB_URL:?JDBC URL}" "${DB_USER:?}" "${DB_PASSWORD:?}" "${JWT_KEY:?path of the PEM signing key}"
cli=$(mktemp)
trap 'rm -f "$cli"' EXIT
cat > "$cli" <<CLI
embed-server --std-out=discard --server-config=standalone.xml
module add --name=org.postgresql --resources=$PG_JAR --dependencies=java.sql,java.naming,java.logging,java.management,jakarta.transaction.api
/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,driver-module-name=org.postgresql,driver-class-name=org.postgresql.Driver)
data-source add --name=CroniumDS --jndi-name=java:/jdbc/cronium --driver-name=postgresql --connection-url="$DB_URL?stringtype=unspecified" --user-name="$DB_USER" --password="$DB_PASSWORD"
/system-property=eclipselink.target-server:add(value=JBoss)
/system-property=resteasy.role.based.security:add(value=true)
/system-property=cronium.jwt.private-key-location:add(value="$JWT_KEY")
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
/extension=org.wildfly.extension.microprofile.health-smallrye:add
/subsystem=microprofile-health-smallrye:add(security-enabled=false)
stop-embedded-server
CLI
"$wildfly/bin/jboss-cli.sh" --file="$cli"
echo "WildFly configured for Cronium; deploy cronium.ear into $wildfly/standalone/deployments"
