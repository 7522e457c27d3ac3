/// A network as the CSV files of `neo4j-admin database import full` (header conventions `:ID(Group)`,
/// `:START_ID`, `:END_ID`, `:LABEL`, `:TYPE`, typed columns `name:long`, arrays `name:string[]` split on `;`),
/// plus `import.sh` running that command and `load.cypher`, a `LOAD CSV` script reading the same files into a
/// running database. Same network, same bytes.
public struct Neo4jExport {
    public let kb: KnowledgeBase
    public let network: Network

    public init(kb: KnowledgeBase, network: Network) {
        self.kb = kb
        self.network = network
    }

    /// A CSV field: always quoted, quotes doubled (neo4j-admin's default quoting), so no text can break a row.
    static func field(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
          switch u {
          case "\"": out += "\"\""
          case "\n", "\r": out += " "
          default: out.unicodeScalars.append(u)
          }
        }
        return out + "\""
    }

    static func cell(_ v: Value, array: Bool = false) -> String {
        switch v {
        case .missing: return ""
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .text(let s), .id(let s): return field(s)
        case .list(let l): return l.isEmpty ? "" : field(l.joined(separator: array ? ";" : ","))
        }
    }

    /// The files, by name, in the order they are written.
    public func files() -> [(name: String, contents: String)] {
        var countries = Set<Int32>(), groups = Set<Int32>()
        let inside = Set(network.authorities)
        var authorities = "id:ID(Authority),name,kind,country,parent,code,population:long,member,lat:double,lon:double,region,degree:int,:LABEL\n"
        var located = ":START_ID(Authority),:END_ID(Country),:TYPE\n"
        var parents = ":START_ID(Authority),:END_ID(Authority),:TYPE\n"
        var members = ":START_ID(Authority),:END_ID(Group),since:int,role,:TYPE\n"
        for a in network.authorities {
          let x = kb.authority(a)
          countries.insert(x.country)
          let values = [.id(x.id)] + ExportAttributes.authorityValues(kb, a)
          authorities += values.map { Neo4jExport.cell($0) }.joined(separator: ",") + ",Authority\n"
          located += Neo4jExport.field(x.id) + "," + Neo4jExport.field(kb.country(x.country).id) + ",IN_COUNTRY\n"
          if let parent = x.parent, inside.contains(parent) {
              parents += Neo4jExport.field(x.id) + "," + Neo4jExport.field(kb.id(of: parent)) + ",PART_OF\n"
          }
          for m in kb.membershipsByAuthority[a] {
              let ms = kb.membership(m)
              groups.insert(ms.group)
              members += [Neo4jExport.field(x.id), Neo4jExport.field(kb.group(ms.group).id),
                          ms.since.map { String($0) } ?? "", ms.role.map(Neo4jExport.field) ?? "", "MEMBER_OF"].joined(separator: ",") + "\n"
          }
        }
        var partnerships = ":START_ID(Authority),:END_ID(Authority),since:int,until:int,status,kind,themes:string[],note,:TYPE\n"
        for p in network.partnerships {
          let q = kb.partnership(p)
          let values = ExportAttributes.partnershipValues(kb, p)
          var cells = [Neo4jExport.field(kb.id(of: q.a)), Neo4jExport.field(kb.id(of: q.b))]
          for (i, (name, _)) in ExportAttributes.partnership.enumerated() {
              cells.append(name == "themes" ? Neo4jExport.cell(.list(kb.themes(of: q)), array: true) : Neo4jExport.cell(values[i]))
          }
          partnerships += cells.joined(separator: ",") + ",PARTNER_OF\n"
        }
        var focus = ":START_ID(Group),:END_ID(Country),:TYPE\n"
        var groupRows = "id:ID(Group),name,kind,chair,:LABEL\n"
        for g in groups.sorted(by: { TextOrder.bytesLess(kb.group($0).id, kb.group($1).id) }) {
          let x = kb.group(g)
          groupRows += [Neo4jExport.field(x.id), Neo4jExport.field(x.name), Neo4jExport.field(x.kind),
                        x.chair.map { Neo4jExport.field(kb.id(of: $0)) } ?? "", "Group"].joined(separator: ",") + "\n"
          for c in x.countries {
              countries.insert(c)
              focus += Neo4jExport.field(x.id) + "," + Neo4jExport.field(kb.country(c).id) + ",FOCUSES_ON\n"
          }
        }
        var countryRows = "id:ID(Country),name,en,zone,:LABEL\n"
        for c in countries.sorted(by: { TextOrder.bytesLess(kb.country($0).id, kb.country($1).id) }) {
          let x = kb.country(c)
          countryRows += [Neo4jExport.field(x.id), Neo4jExport.field(x.name), x.en.map(Neo4jExport.field) ?? "",
                          x.zone.map(Neo4jExport.field) ?? "", "Country"].joined(separator: ",") + "\n"
        }
        return [
          ("countries.csv", countryRows), ("authorities.csv", authorities), ("groups.csv", groupRows),
          ("partnerships.csv", partnerships), ("in_country.csv", located), ("part_of.csv", parents),
          ("members.csv", members), ("focuses_on.csv", focus),
          ("import.sh", Neo4jExport.importScript), ("load.cypher", Neo4jExport.cypher),
        ]
    }

    static let importScript = """
    #!/bin/sh
    # Imports these files into an empty, stopped Neo4j 5 database (default: neo4j) with neo4j-admin.
    # Run from this directory: sh import.sh [DATABASE]
    set -e
    cd "$(dirname "$0")"
    neo4j-admin database import full "${1:-neo4j}" --overwrite-destination=false \\
      --array-delimiter=';' --quote='"' \\
      --nodes=countries.csv --nodes=authorities.csv --nodes=groups.csv \\
      --relationships=partnerships.csv --relationships=in_country.csv --relationships=part_of.csv \\
      --relationships=members.csv --relationships=focuses_on.csv

    """

    static let cypher = """
    // Loads these files into a running Neo4j 5 database. Copy them to its import directory, then:
    //   cypher-shell -f load.cypher
    // Column names are neo4j-admin's headers (the same files serve both ways), hence the backquotes.
    CREATE CONSTRAINT country_id IF NOT EXISTS FOR (c:Country) REQUIRE c.id IS UNIQUE;
    CREATE CONSTRAINT authority_id IF NOT EXISTS FOR (a:Authority) REQUIRE a.id IS UNIQUE;
    CREATE CONSTRAINT group_id IF NOT EXISTS FOR (g:Group) REQUIRE g.id IS UNIQUE;
    LOAD CSV WITH HEADERS FROM 'file:///countries.csv' AS row
    MERGE (c:Country {id: row.`id:ID(Country)`})
    SET c.name = row.name, c.en = CASE row.en WHEN '' THEN null ELSE row.en END, c.zone = CASE row.zone WHEN '' THEN null ELSE row.zone END;
    LOAD CSV WITH HEADERS FROM 'file:///authorities.csv' AS row
    MERGE (a:Authority {id: row.`id:ID(Authority)`})
    SET a.name = row.name, a.kind = row.kind, a.country = row.country, a.parent = CASE row.parent WHEN '' THEN null ELSE row.parent END,
        a.code = CASE row.code WHEN '' THEN null ELSE row.code END, a.population = toInteger(CASE row.`population:long` WHEN '' THEN null ELSE row.`population:long` END),
        a.member = CASE row.member WHEN '' THEN null ELSE row.member END, a.lat = toFloat(CASE row.`lat:double` WHEN '' THEN null ELSE row.`lat:double` END),
        a.lon = toFloat(CASE row.`lon:double` WHEN '' THEN null ELSE row.`lon:double` END), a.region = CASE row.region WHEN '' THEN null ELSE row.region END,
        a.degree = toInteger(row.`degree:int`);
    LOAD CSV WITH HEADERS FROM 'file:///groups.csv' AS row
    MERGE (g:Group {id: row.`id:ID(Group)`})
    SET g.name = row.name, g.kind = row.kind, g.chair = CASE row.chair WHEN '' THEN null ELSE row.chair END;
    LOAD CSV WITH HEADERS FROM 'file:///partnerships.csv' AS row
    MATCH (a:Authority {id: row.`:START_ID(Authority)`}), (b:Authority {id: row.`:END_ID(Authority)`})
    MERGE (a)-[p:PARTNER_OF]->(b)
    SET p.since = toInteger(CASE row.`since:int` WHEN '' THEN null ELSE row.`since:int` END), p.until = toInteger(CASE row.`until:int` WHEN '' THEN null ELSE row.`until:int` END),
        p.status = row.status, p.kind = CASE row.kind WHEN '' THEN null ELSE row.kind END,
        p.themes = CASE row.`themes:string[]` WHEN '' THEN null ELSE split(row.`themes:string[]`, ';') END,
        p.note = CASE row.note WHEN '' THEN null ELSE row.note END;
    LOAD CSV WITH HEADERS FROM 'file:///in_country.csv' AS row
    MATCH (a:Authority {id: row.`:START_ID(Authority)`}), (c:Country {id: row.`:END_ID(Country)`})
    MERGE (a)-[:IN_COUNTRY]->(c);
    LOAD CSV WITH HEADERS FROM 'file:///part_of.csv' AS row
    MATCH (a:Authority {id: row.`:START_ID(Authority)`}), (b:Authority {id: row.`:END_ID(Authority)`})
    MERGE (a)-[:PART_OF]->(b);
    LOAD CSV WITH HEADERS FROM 'file:///members.csv' AS row
    MATCH (a:Authority {id: row.`:START_ID(Authority)`}), (g:Group {id: row.`:END_ID(Group)`})
    MERGE (a)-[m:MEMBER_OF]->(g)
    SET m.since = toInteger(CASE row.`since:int` WHEN '' THEN null ELSE row.`since:int` END), m.role = CASE row.role WHEN '' THEN null ELSE row.role END;
    LOAD CSV WITH HEADERS FROM 'file:///focuses_on.csv' AS row
    MATCH (g:Group {id: row.`:START_ID(Group)`}), (c:Country {id: row.`:END_ID(Country)`})
    MERGE (g)-[:FOCUSES_ON]->(c);

    """
}
