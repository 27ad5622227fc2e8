#!/usr/bin/env bash
# Puts EclipseLink into WildFly's org.eclipse.persistence module (WildFly ships only the integration jar).
# Usage: server-config/wildfly/install-eclipselink.sh /path/to/wildfly
set -euo pipefail
wildfly="${1:?usage: $0 WILDFLY_HOME}"
version="${ECLIPSELINK_VERSION:-4.0.8}"
module="$wildfly/modules/system/layers/base/org/eclipse/persistence/main"
[ -f "$module/module.xml" ] || { echo "no org.eclipse.persistence module under $wildfly" >&2; exit 1; }
tmp=$(mktemp -d)
cat > "$tmp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>eclipselink-jars</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.eclipse.persistence</groupId>
    <artifactId>org.eclipse.persistence.jpa</artifactId><version>$version</version></dependency></dependencies>
</project>
POM
mvn -B -q -ntp -f "$tmp/pom.xml" dependency:copy-dependencies -DexcludeArtifactIds=jakarta.persistence-api -DoutputDirectory="$tmp/jars"
cp "$tmp"/jars/org.eclipse.persistence.*.jar "$module/"
for jar in "$tmp"/jars/org.eclipse.persistence.*.jar; do
  name=$(basename "$jar")
  grep -q "path=\"$name\"" "$module/module.xml" ||
    sed -i "s|<resources>|<resources>\n        <resource-root path=\"$name\"/>|" "$module/module.xml"
done
for dep in java.rmi java.sql java.desktop java.xml jdk.unsupported; do
  grep -q "module name=\"$dep\"" "$module/module.xml" ||
    sed -i "s|<dependencies>|<dependencies>\n        <module name=\"$dep\"/>|" "$module/module.xml"
done
rm -rf "$tmp"
echo "EclipseLink $version installed into $module"
