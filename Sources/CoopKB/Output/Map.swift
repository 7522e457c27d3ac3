import Foundation

/// Outlines to draw maps over, read from the GeoJSON files copied into share/coopkb/maps (see their SOURCE.md).
public struct Outlines: @unchecked Sendable {
    /// One outline: a name, a key (département code, région code, ISO alpha-3), and rings of (lon, lat).
    public struct Shape {
        public var key: String
        public var name: String
        public var rings: [[(Double, Double)]]
        public var box: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double)
    }
    public var departements: [Shape]
    public var regions: [Shape]
    public var countries: [Shape]
    /// ISO alpha-2 to alpha-3, to join the KB's countries with the world outlines.
    public var alpha3: [String: String]

    public static let credits = "Outlines: IGN – ADMIN EXPRESS, Etalab contours-administratifs (Licence Ouverte 2.0); Made with Natural Earth (public domain)."

    /// Parses the three outline files; nil with a reason when one cannot be read.
    public static func parse(departements: Data, regions: Data, countries: Data, alpha3: String) throws -> Outlines {
        func shapes(_ data: Data, key: String, name: String) throws -> [Shape] {
            guard let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any], let features = doc["features"] as? [[String: Any]] else {
                throw OutlineError(message: "not a GeoJSON FeatureCollection")
            }
            var out: [Shape] = []
            for f in features {
                let props = f["properties"] as? [String: Any] ?? [:]
                guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String, let coords = g["coordinates"] as? [Any] else { continue }
                var polygons: [[Any]] = []
                if type == "Polygon" { polygons = [coords] } else if type == "MultiPolygon" { polygons = coords.compactMap { $0 as? [Any] } }
                var rings: [[(Double, Double)]] = []
                var box = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
                for polygon in polygons {
                    for ring in polygon {
                        guard let points = ring as? [[Double]] else { continue }
                        var r: [(Double, Double)] = []
                        r.reserveCapacity(points.count)
                        for p in points where p.count >= 2 {
                            r.append((p[0], p[1]))
                            box = (min(box.0, p[0]), min(box.1, p[1]), max(box.2, p[0]), max(box.3, p[1]))
                        }
                        rings.append(r)
                    }
                }
                out.append(Shape(key: "\(props[key] ?? "")", name: "\(props[name] ?? "")", rings: rings, box: box))
            }
            return out
        }
        var a3: [String: String] = [:]
        for line in alpha3.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { a3[String(parts[0])] = String(parts[1]) }
        }
        return Outlines(departements: try shapes(departements, key: "code", name: "nom"), regions: try shapes(regions, key: "code", name: "nom"),
                        countries: try shapes(countries, key: "iso_a3", name: "name"), alpha3: a3)
    }
}

/// A problem reading the outlines.
public struct OutlineError: Error, Sendable {
    /// What is wrong inside an outline file (it does not parse).
    public var message: String
    /// The session's problem: the outlines missing or unreadable (nil: `message` says why they do not parse).
    public var problem: SessionProblem? = nil
    public init(message: String) { self.message = message }
    init(problem: SessionProblem) { self.message = ""; self.problem = problem }
    /// The problem to report.
    var sessionProblem: SessionProblem { problem ?? .outlinesUnparsable(directory: "", reason: message) }
}

/// Draws a network at its coordinates as SVG: points for authorities, lines for partnerships, over outlines
/// (départements and régions for a French network, world countries otherwise, France as an inset when both),
/// labels for the most connected, a legend and the credits. Points without coordinates are counted, never placed.
/// The same network gives the same bytes.
public struct MapWriter {
    public let kb: KnowledgeBase
    public let outlines: Outlines
    public var width = 1000.0
    /// How many of the most connected authorities are labelled.
    public var labels = 12

    public init(kb: KnowledgeBase, outlines: Outlines) {
        self.kb = kb
        self.outlines = outlines
    }

    /// Métropole's box: points inside it are drawn on the France map or its inset.
    static let metropole = (minLon: -5.4, minLat: 41.2, maxLon: 9.8, maxLat: 51.2)

    struct View {
        var minLon, minLat, maxLon, maxLat: Double
        var x0, y0, w, h: Double
        var k: Double { cos((minLat + maxLat) / 2 * .pi / 180) }
        func x(_ lon: Double) -> Double { x0 + (lon - minLon) / (maxLon - minLon) * w }
        func y(_ lat: Double) -> Double { y0 + (maxLat - lat) / (maxLat - minLat) * h }
        /// A view of a box, `w` wide, its height from the box's shape.
        static func fit(_ b: (Double, Double, Double, Double), x0: Double, y0: Double, w: Double) -> View {
            var v = View(minLon: b.0, minLat: b.1, maxLon: b.2, maxLat: b.3, x0: x0, y0: y0, w: w, h: 0)
            v.h = w * (b.3 - b.1) / ((b.2 - b.0) * v.k)
            return v
        }
    }

    static func f(_ d: Double) -> String { String(format: "%.1f", d) }

    func path(_ shape: Outlines.Shape, _ v: View) -> String {
        var d = ""
        for ring in shape.rings where ring.count > 2 {
            var last = ""
            for (i, p) in ring.enumerated() {
                let s = MapWriter.f(v.x(p.0)) + " " + MapWriter.f(v.y(p.1))
                if s == last { continue }
                d += (i == 0 ? "M" : "L") + s
                last = s
            }
            d += "Z"
        }
        return d
    }

    func visible(_ s: Outlines.Shape, _ v: View) -> Bool {
        s.box.maxLon >= v.minLon && s.box.minLon <= v.maxLon && s.box.maxLat >= v.minLat && s.box.minLat <= v.maxLat
    }

    func located(_ a: Int32) -> (Double, Double)? {
        let x = kb.authority(a)
        return x.position.map { ($0.lon, $0.lat) }
    }

    func inMetropole(_ p: (Double, Double)) -> Bool {
        let m = MapWriter.metropole
        return p.0 >= m.minLon && p.0 <= m.maxLon && p.1 >= m.minLat && p.1 <= m.maxLat
    }

    /// The box around points, padded, at least `minSpan` degrees wide and `minSpan`·0.7 high.
    static func box(_ points: [(Double, Double)], minSpan: Double) -> (Double, Double, Double, Double) {
        var b = (points.map(\.0).min()!, points.map(\.1).min()!, points.map(\.0).max()!, points.map(\.1).max()!)
        let padLon = max((b.2 - b.0) * 0.12, 0.3), padLat = max((b.3 - b.1) * 0.12, 0.3)
        b = (b.0 - padLon, b.1 - padLat, b.2 + padLon, b.3 + padLat)
        func widen(_ lo: inout Double, _ hi: inout Double, _ span: Double) {
            if hi - lo < span { let c = (lo + hi) / 2; lo = c - span / 2; hi = c + span / 2 }
        }
        widen(&b.0, &b.2, minSpan)
        widen(&b.1, &b.3, minSpan * 0.7)
        return (max(-180, b.0), max(-85, b.1), min(180, b.2), min(85, b.3))
    }

    /// The SVG of a network, titled.
    public func svg(_ network: Network, title: String) -> String {
        let placed = network.authorities.filter { located($0) != nil }
        let missing = network.authorities.count - placed.count
        let points = placed.map { located($0)! }
        let french = placed.filter { kb.country(kb.authority($0).country).id == "FR" && inMetropole(located($0)!) }
        let franceOnly = !points.isEmpty && french.count == placed.count
        let mapTop = 48.0
        var v: View
        if points.isEmpty {
            v = View.fit((MapWriter.metropole.minLon, MapWriter.metropole.minLat, MapWriter.metropole.maxLon, MapWriter.metropole.maxLat), x0: 0, y0: mapTop, w: width)
        } else {
            v = View.fit(MapWriter.box(points, minSpan: franceOnly ? 3 : 24), x0: 0, y0: mapTop, w: width)
        }
        if v.h > width * 1.1 {
            // Too tall: keep the height and widen the box instead.
            let extra = (v.h / (width * 1.1) - 1) * (v.maxLon - v.minLon) / 2
            v = View.fit((max(-180, v.minLon - extra), v.minLat, min(180, v.maxLon + extra), v.maxLat), x0: 0, y0: mapTop, w: width)
        }
        let legendHeight = 96.0
        let height = (mapTop + v.h + legendHeight).rounded()
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <title>\(XMLText.escape(title))</title>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="12" y="30" font-size="20" font-weight="bold" fill="#222222">\(XMLText.escape(title))</text>
        <defs><clipPath id="map"><rect x="0" y="\(MapWriter.f(mapTop))" width="\(Int(width))" height="\(MapWriter.f(v.h))"/></clipPath></defs>
        <rect x="0" y="\(MapWriter.f(mapTop))" width="\(Int(width))" height="\(MapWriter.f(v.h))" fill="#eef4f8"/>
        <g clip-path="url(#map)">

        """
        let countriesWithPoints = Set(placed.map { kb.country(kb.authority($0).country).id }.compactMap { outlines.alpha3[$0] })
        if franceOnly {
            out += "<g fill=\"#f6f3ea\" stroke=\"#b9b4a6\" stroke-width=\"0.6\">\n"
            for s in outlines.countries where visible(s, v) && s.key != "FRA" { out += "<path d=\"\(path(s, v))\" fill=\"#ececec\"/>\n" }
            for s in outlines.departements where visible(s, v) { out += "<path d=\"\(path(s, v))\"><title>\(XMLText.escape(s.name))</title></path>\n" }
            out += "</g>\n<g fill=\"none\" stroke=\"#6f6a5e\" stroke-width=\"1.4\">\n"
            for s in outlines.regions where visible(s, v) { out += "<path d=\"\(path(s, v))\"/>\n" }
            out += "</g>\n"
        } else {
            out += "<g stroke=\"#b9b4a6\" stroke-width=\"0.6\">\n"
            for s in outlines.countries where visible(s, v) {
                let fill = s.key == "FRA" ? "#dbe7f3" : countriesWithPoints.contains(s.key) ? "#fbe6d2" : "#f6f3ea"
                out += "<path d=\"\(path(s, v))\" fill=\"\(fill)\"><title>\(XMLText.escape(s.name))</title></path>\n"
            }
            out += "</g>\n"
        }
        // Partnerships as lines, then authorities as points.
        var drawn = 0, undrawn = 0
        out += "<g stroke=\"#7a4b94\" stroke-opacity=\"0.55\" stroke-width=\"1.2\" fill=\"none\">\n"
        for p in network.partnerships {
            let q = kb.partnership(p)
            guard let a = located(q.a), let b = located(q.b) else { undrawn += 1; continue }
            drawn += 1
            let dash = q.status == .active ? "" : " stroke-dasharray=\"4 3\""
            out += "<line x1=\"\(MapWriter.f(v.x(a.0)))\" y1=\"\(MapWriter.f(v.y(a.1)))\" x2=\"\(MapWriter.f(v.x(b.0)))\" y2=\"\(MapWriter.f(v.y(b.1)))\"\(dash)/>\n"
        }
        out += "</g>\n"
        out += self.points(placed, v)
        // Labels stay inside the map and off the inset, which is drawn over the map's top right corner.
        let insetWidth = 250.0
        let hasInset = !franceOnly && !french.isEmpty
        // The inset goes in the corner of the map that hides the fewest points (top right first on a tie).
        let frameHeight = insetFrame(at: (0, 0), width: insetWidth).3
        let corners = [(width - 262, mapTop + 10), (16, mapTop + 10), (16, mapTop + v.h - frameHeight - 10), (width - 262, mapTop + v.h - frameHeight - 10)]
        let hidden = corners.map { c -> Int in
            let f = insetFrame(at: c, width: insetWidth)
            return points.filter { p in let x = v.x(p.0), y = v.y(p.1); return x >= f.0 - 5 && x <= f.2 + 5 && y >= f.1 - 5 && y <= f.3 + 5 }.count
        }
        let insetOrigin = corners[hidden.indices.min { hidden[$0] < hidden[$1] }!]
        let insetBox = insetFrame(at: insetOrigin, width: insetWidth)
        out += labelsSVG(placed, v, within: (0, mapTop, width, mapTop + v.h), avoiding: hasInset ? [insetBox] : [])
        out += "</g>\n"
        if hasInset {
            out += inset(french, network, at: insetOrigin, width: insetWidth)
        }
        // Legend and credits.
        let ly = mapTop + v.h + 18
        out += """
        <g font-size="13" fill="#222222">
        <circle cx="20" cy="\(MapWriter.f(ly))" r="5" fill="#316eb4" stroke="#ffffff"/><text x="32" y="\(MapWriter.f(ly + 4))">French authority</text>
        <circle cx="180" cy="\(MapWriter.f(ly))" r="5" fill="#de7828" stroke="#ffffff"/><text x="192" y="\(MapWriter.f(ly + 4))">foreign authority</text>
        <line x1="340" y1="\(MapWriter.f(ly))" x2="372" y2="\(MapWriter.f(ly))" stroke="#7a4b94" stroke-width="1.6"/><text x="380" y="\(MapWriter.f(ly + 4))">partnership (dashed: dormant or ended)</text>
        <text x="12" y="\(MapWriter.f(ly + 26))">\(placed.count) authorit\(placed.count == 1 ? "y" : "ies") placed\(missing > 0 ? "; \(missing) without coordinates, not shown" : ""); \(drawn) partnership\(drawn == 1 ? "" : "s") drawn\(undrawn > 0 ? ", \(undrawn) not (a side without coordinates)" : ""). Labels: the \(min(labels, placed.count)) most connected.</text>
        <text x="12" y="\(MapWriter.f(ly + 48))" font-size="11" fill="#555555">\(XMLText.escape(Outlines.credits)) Positions: the KB's coordinates. Made by coopkb.</text>
        </g>
        </svg>

        """
        return out
    }

    func points(_ placed: [Int32], _ v: View, radius: Double = 4.5, role: String = "authorities") -> String {
        var out = "<g class=\"\(role)\" stroke=\"#ffffff\" stroke-width=\"1\">\n"
        for a in placed {
            let x = kb.authority(a)
            let p = located(a)!
            let colour = kb.country(x.country).id == "FR" ? "#316eb4" : "#de7828"
            out += "<circle cx=\"\(MapWriter.f(v.x(p.0)))\" cy=\"\(MapWriter.f(v.y(p.1)))\" r=\"\(radius)\" fill=\"\(colour)\"><title>\(XMLText.escape(x.name + " (" + x.id + ")"))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// The most connected authorities, by partnerships in the KB, then by name; French and foreign ones
    /// share the labels when both are on the map.
    func mostConnected(_ placed: [Int32], count: Int) -> [Int32] {
        let rank = kb.nameRank(.authority)
        func top(_ list: [Int32], _ n: Int) -> [Int32] {
            Array(list.sorted { x, y in
                let dx = kb.partnershipsByAuthority.count(x), dy = kb.partnershipsByAuthority.count(y)
                return dx != dy ? dx > dy : rank[Int(x)] < rank[Int(y)]
            }.prefix(n))
        }
        let french = placed.filter { kb.country(kb.authority($0).country).id == "FR" }
        let foreign = placed.filter { kb.country(kb.authority($0).country).id != "FR" }
        if french.isEmpty || foreign.isEmpty { return top(placed, count) }
        let a = top(foreign, count / 2)
        return top(french, count - a.count) + a
    }

    /// A box as (left, top, right, bottom) in the picture's units.
    typealias Box = (Double, Double, Double, Double)

    /// The frame the inset of France is drawn in, at `origin`, `w` wide.
    func insetFrame(at origin: (Double, Double), width w: Double) -> Box {
        let m = MapWriter.metropole
        let v = View.fit((m.minLon, m.minLat, m.maxLon, m.maxLat), x0: origin.0, y0: origin.1 + 18, w: w)
        return (origin.0 - 4, origin.1, origin.0 + w + 4, origin.1 + v.h + 22)
    }

    /// Labels of the most connected: right of the point, else left of it, else left out; a label must lie inside
    /// `bounds` (so none runs off the map or out of the inset) and overlap neither one already placed nor `avoiding`.
    func labelsSVG(_ placed: [Int32], _ v: View, size: Double = 12, within bounds: Box, avoiding: [Box] = []) -> String {
        var out = "<g font-size=\"\(Int(size))\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">\n"
        var boxes: [Box] = avoiding
        for a in mostConnected(placed, count: labels) {
            let p = located(a)!
            let name = kb.name(of: a)
            // DejaVu Sans averages about 0.62 em a character; the halo adds a little.
            let w = DisplayWidth.of(name) > 0 ? Double(DisplayWidth.of(name)) * size * 0.62 + 2 : 0, h = size
            let px = v.x(p.0), py = v.y(p.1)
            for x in [px + 6, px - 6 - w] {
                let box = (x, py - 5 - h, x + w, py - 3)
                guard box.0 >= bounds.0 + 2, box.2 <= bounds.2 - 2, box.1 >= bounds.1 + 2, box.3 <= bounds.3 - 2 else { continue }
                if boxes.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) { continue }
                boxes.append(box)
                out += "<text x=\"\(MapWriter.f(x))\" y=\"\(MapWriter.f(py - 5))\">\(XMLText.escape(name))</text>\n"
                break
            }
        }
        return out + "</g>\n"
    }

    /// France métropole in a box: its départements and régions and the French points.
    func inset(_ french: [Int32], _ network: Network, at origin: (Double, Double), width w: Double) -> String {
        let m = MapWriter.metropole
        let v = View.fit((m.minLon, m.minLat, m.maxLon, m.maxLat), x0: origin.0, y0: origin.1 + 18, w: w)
        var out = "<g>\n<rect x=\"\(MapWriter.f(origin.0 - 4))\" y=\"\(MapWriter.f(origin.1))\" width=\"\(MapWriter.f(w + 8))\" height=\"\(MapWriter.f(v.h + 22))\" fill=\"#ffffff\" stroke=\"#888888\"/>\n"
        out += "<text x=\"\(MapWriter.f(origin.0 + 2))\" y=\"\(MapWriter.f(origin.1 + 14))\" font-size=\"12\" fill=\"#222222\">France (métropole)</text>\n"
        out += "<g fill=\"#f6f3ea\" stroke=\"#c9c4b6\" stroke-width=\"0.4\">\n"
        for s in outlines.departements where visible(s, v) { out += "<path d=\"\(path(s, v))\"/>\n" }
        out += "</g>\n<g fill=\"none\" stroke=\"#6f6a5e\" stroke-width=\"0.8\">\n"
        for s in outlines.regions where visible(s, v) { out += "<path d=\"\(path(s, v))\"/>\n" }
        out += "</g>\n"
        out += points(french, v, radius: 3, role: "inset")
        var small = self
        small.labels = 5
        let frame = insetFrame(at: origin, width: w)
        out += small.labelsSVG(french, v, size: 10, within: (frame.0, frame.1 + 18, frame.2, frame.3))
        return out + "</g>\n"
    }
}
