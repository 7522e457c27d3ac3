import Foundation

/// The network of a result as GraphML, GEXF (for Gephi) or GeoJSON (RFC 7946, for QGIS). Same result, same bytes.
public struct NetworkWriter {
    public let kb: KnowledgeBase
    public let network: Network

    public init(kb: KnowledgeBase, network: Network) {
        self.kb = kb
        self.network = network
    }

    // MARK: GraphML

    /// GraphML 1.0: an undirected graph, node ids the authorities' ids, typed `<key>`s for the attributes.
    public func graphML() -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """
        for (i, (name, kind)) in ExportAttributes.authority.enumerated() {
            out += "  <key id=\"n\(i)\" for=\"node\" attr.name=\"\(name)\" attr.type=\"\(kind.xmlType)\"/>\n"
        }
        for (i, (name, kind)) in ExportAttributes.partnership.enumerated() {
            out += "  <key id=\"e\(i)\" for=\"edge\" attr.name=\"\(name)\" attr.type=\"\(kind.xmlType)\"/>\n"
        }
        out += "  <graph id=\"coopkb\" edgedefault=\"undirected\">\n"
        for a in network.authorities {
            out += "    <node id=\"\(XMLText.escape(kb.id(of: a)))\">\n"
            for (i, v) in ExportAttributes.authorityValues(kb, a).enumerated() where !v.isMissing {
                out += "      <data key=\"n\(i)\">\(XMLText.escape(v.text(listSeparator: ",")))</data>\n"
            }
            out += "    </node>\n"
        }
        for p in network.partnerships {
            let q = kb.partnership(p)
            out += "    <edge source=\"\(XMLText.escape(kb.id(of: q.a)))\" target=\"\(XMLText.escape(kb.id(of: q.b)))\">\n"
            for (i, v) in ExportAttributes.partnershipValues(kb, p).enumerated() where !v.isMissing {
                out += "      <data key=\"e\(i)\">\(XMLText.escape(v.text(listSeparator: ",")))</data>\n"
            }
            out += "    </edge>\n"
        }
        return out + "  </graph>\n</graphml>\n"
    }

    // MARK: GEXF

    /// The position Gephi gets for a point: longitude and Mercator latitude, in tenths of a degree at the equator.
    static func gexfPosition(lat: Double, lon: Double) -> (x: Double, y: Double) {
        let phi = max(-85, min(85, lat)) * Double.pi / 180
        let y = log(tan(Double.pi / 4 + phi / 2)) * 180 / Double.pi
        return ((lon * 10 * 1000).rounded() / 1000, (y * 10 * 1000).rounded() / 1000)
    }

    /// GEXF 1.2 (the version networkx and Gephi read), with `viz:position` for authorities with coordinates.
    public func gexf() -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
          <meta>
            <creator>coopkb</creator>
            <description>French decentralized cooperation: authorities and partnerships</description>
          </meta>
          <graph mode="static" defaultedgetype="undirected">

        """
        let nodeAttributes = ExportAttributes.authority.enumerated().filter { $0.element.0 != "name" }
        out += "    <attributes class=\"node\">\n"
        for (i, (name, kind)) in nodeAttributes { out += "      <attribute id=\"\(i)\" title=\"\(name)\" type=\"\(kind.xmlType)\"/>\n" }
        out += "    </attributes>\n    <attributes class=\"edge\">\n"
        for (i, (name, kind)) in ExportAttributes.partnership.enumerated() {
            out += "      <attribute id=\"\(i)\" title=\"\(name)\" type=\"\(kind.xmlType)\"/>\n"
        }
        out += "    </attributes>\n    <nodes>\n"
        for a in network.authorities {
            let x = kb.authority(a)
            out += "      <node id=\"\(XMLText.escape(x.id))\" label=\"\(XMLText.escape(x.name))\">\n        <attvalues>\n"
            let values = ExportAttributes.authorityValues(kb, a)
            for (i, _) in nodeAttributes where !values[i].isMissing {
                out += "          <attvalue for=\"\(i)\" value=\"\(XMLText.escape(values[i].text(listSeparator: ",")))\"/>\n"
            }
            out += "        </attvalues>\n"
            if let at = x.position {
                let (px, py) = NetworkWriter.gexfPosition(lat: at.lat, lon: at.lon)
                out += "        <viz:position x=\"\(Value.format(px))\" y=\"\(Value.format(py))\" z=\"0\"/>\n"
            }
            let french = kb.country(x.country).id == "FR"
            out += french ? "        <viz:color r=\"49\" g=\"110\" b=\"180\"/>\n" : "        <viz:color r=\"222\" g=\"120\" b=\"40\"/>\n"
            out += "      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for (k, p) in network.partnerships.enumerated() {
            let q = kb.partnership(p)
            out += "      <edge id=\"\(k)\" source=\"\(XMLText.escape(kb.id(of: q.a)))\" target=\"\(XMLText.escape(kb.id(of: q.b)))\">\n        <attvalues>\n"
            for (i, v) in ExportAttributes.partnershipValues(kb, p).enumerated() where !v.isMissing {
                out += "          <attvalue for=\"\(i)\" value=\"\(XMLText.escape(v.text(listSeparator: ",")))\"/>\n"
            }
            out += "        </attvalues>\n      </edge>\n"
        }
        return out + "    </edges>\n  </graph>\n</gexf>\n"
    }

    // MARK: GeoJSON

    /// A coordinate as RFC 7946 wants it: at most 6 decimals.
    static func coordinate(_ d: Double) -> String { Value.format((d * 1_000_000).rounded() / 1_000_000) }

    static func properties(_ names: [(String, ExportAttributes.Kind)], _ values: [Value], first: [(String, Value)]) -> String {
        var parts = first.map { Renderer.jsonString($0.0) + ":" + Renderer.json($0.1) }
        for (i, (name, _)) in names.enumerated() { parts.append(Renderer.jsonString(name) + ":" + Renderer.json(values[i])) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// RFC 7946: a FeatureCollection of Points (authorities) and LineStrings (partnerships), [lon, lat] in WGS 84;
    /// a feature without coordinates has a null geometry, never a point at 0,0.
    public func geoJSON() -> String {
        var features: [String] = []
        for a in network.authorities {
            let x = kb.authority(a)
            let geometry = x.position.map { "{\"type\":\"Point\",\"coordinates\":[\(NetworkWriter.coordinate($0.lon)),\(NetworkWriter.coordinate($0.lat))]}" }
                ?? "null"
            let props = NetworkWriter.properties(ExportAttributes.authority, ExportAttributes.authorityValues(kb, a),
                                                 first: [("element", .text("authority")), ("id", .id(x.id))])
            features.append("{\"type\":\"Feature\",\"id\":\(Renderer.jsonString(x.id)),\"geometry\":\(geometry),\"properties\":\(props)}")
        }
        for p in network.partnerships {
            let q = kb.partnership(p)
            let a = kb.authority(q.a), b = kb.authority(q.b)
            var geometry = "null"
            if let pa = a.position, let pb = b.position {
                geometry = "{\"type\":\"LineString\",\"coordinates\":[[\(NetworkWriter.coordinate(pa.lon)),\(NetworkWriter.coordinate(pa.lat))],[\(NetworkWriter.coordinate(pb.lon)),\(NetworkWriter.coordinate(pb.lat))]]}"
            }
            let props = NetworkWriter.properties(ExportAttributes.partnership, ExportAttributes.partnershipValues(kb, p),
                                                 first: [("element", .text("partnership")), ("a", .id(a.id)), ("b", .id(b.id)),
                                                         ("a.name", .text(a.name)), ("b.name", .text(b.name))])
            features.append("{\"type\":\"Feature\",\"id\":\(Renderer.jsonString(a.id + "--" + b.id)),\"geometry\":\(geometry),\"properties\":\(props)}")
        }
        if features.isEmpty { return "{\"type\":\"FeatureCollection\",\"features\":[]}\n" }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
