/// The fields of each kind of row, and how to read them.
public enum Fields {
    public static let authority = ["id", "name", "kind", "country", "parent", "epci", "code", "population", "member", "aka",
                                   "lat", "lon", "region", "degree", "groups", "betweenness", "closeness", "component"]
    public static let country = ["id", "name", "en", "zone", "aka", "authorities", "partnerships"]
    public static let partnership = ["a", "b", "a.country", "b.country", "since", "status", "themes", "until", "kind", "note",
                                     "source"]
    public static let group = ["id", "name", "members", "derived", "stated", "kind", "countries", "chair", "basis"]

    /// Default columns of each kind of row.
    public static func defaultColumns(_ kind: RowKind) -> [String] {
        switch kind {
        case .authority: return ["id", "name", "kind", "country"]
        case .country: return ["id", "name"]
        case .partnership: return ["a", "b", "a.country", "b.country", "since", "status", "themes"]
        case .group: return ["id", "name", "members"]
        case .neighbour: return ["id", "name", "kind", "country", "distance"]
        case .similar: return ["id", "name", "kind", "country", "shared", "jaccard"]
        case .step: return ["step", "id", "name", "country", "link"]
        case .table: return []
        }
    }

    /// Every field a kind of row has, for help and completion.
    public static func all(_ kind: RowKind) -> [String] {
        switch kind {
        case .authority: return authority + ["basis"]
        case .country: return country
        case .partnership: return partnership + ["theme"] + authority.map { "a." + $0 } + authority.map { "b." + $0 }
        case .group: return group
        case .neighbour: return authority + ["distance"]
        case .similar: return authority + ["shared", "jaccard"]
        case .step: return ["step", "link", "basis"] + authority
        case .table: return []
        }
    }

    /// Whether a field's values compare as ids (case-insensitively, byte order).
    /// Fields computed over the whole partnership graph (Graph/Measures.swift).
    static let measureFields: Set<String> = ["betweenness", "closeness", "component"]

    static let idFields: Set<String> = ["id", "country", "parent", "epci", "region", "a", "b", "chair", "a.country", "b.country"]
}

/// Reads one field of a row.
typealias Accessor = (Row) -> Value

extension KnowledgeBase {
    /// The accessor for a field of rows of `kind`, or nil when that kind has no such field.
    func accessor(_ field: String, for kind: RowKind, valueColumns: [String] = []) -> Accessor? {
        switch kind {
        case .authority, .neighbour, .similar, .step:
            if kind == .authority && field == "basis" {
                return { $0.basis.map { .text($0.word) } ?? .missing }
            }
            if kind == .similar && field == "shared" {
                return { if case .similar(_, let s, _) = $0 { return .int(Int(s)) }; return .missing }
            }
            if kind == .similar && field == "jaccard" {
                return { if case .similar(_, _, let j) = $0 { return .double(j) }; return .missing }
            }
            if kind == .neighbour && field == "distance" {
                return { if case .neighbour(_, let d) = $0 { return .int(Int(d)) }; return .missing }
            }
            if kind == .step {
                if field == "step" { return { if case .step(let s, _, _) = $0 { return .int(Int(s)) }; return .missing } }
                if field == "link" {
                    return { [unowned self] row in
                        guard case .step(_, _, let l) = row else { return .missing }
                        guard let g = StepLink.group(l) else { return l == -2 ? .text("partnership") : .missing }
                        return .text("group:" + self.groups[Int(g)].id)
                    }
                }
                if field == "basis" {
                    return { row in
                        guard case .step(_, _, let l) = row, StepLink.group(l) != nil else { return .missing }
                        return .text(StepLink.isDerived(l) ? "derived" : "stated")
                    }
                }
            }
            guard let f = authorityField(field) else { return nil }
            return { row in row.authority.map(f) ?? .missing }
        case .country:
            guard let f = countryField(field) else { return nil }
            return { if case .country(let c) = $0 { return f(c) }; return .missing }
        case .group:
            if field == "basis" { return { $0.basis.map { .text($0.word) } ?? .missing } }
            guard let f = groupField(field) else { return nil }
            return { $0.group.map(f) ?? .missing }
        case .partnership:
            return partnershipAccessor(field)
        case .table:
            guard let i = valueColumns.firstIndex(of: field) else { return nil }
            return { if case .values(let v) = $0, i < v.count { return v[i] }; return .missing }
        }
    }

    func partnershipAccessor(_ field: String) -> Accessor? {
        func sides(_ row: Row) -> (Partnership, Int32, Int32)? {
            guard case .partnership(let i, let flipped) = row else { return nil }
            let p = partnerships[Int(i)]
            return flipped ? (p, p.b, p.a) : (p, p.a, p.b)
        }
        switch field {
        case "a", "b":
            let isA = field == "a"
            return { [unowned self] row in
                guard let (_, a, b) = sides(row) else { return .missing }
                return .id(self.authorities[Int(isA ? a : b)].id)
            }
        case "since": return { sides($0).map { $0.0.since > 0 ? .int(Int($0.0.since)) : .missing } ?? .missing }
        case "until": return { sides($0).map { $0.0.until > 0 ? .int(Int($0.0.until)) : .missing } ?? .missing }
        case "status": return { sides($0).map { .text($0.0.status.word) } ?? .missing }
        case "kind": return { [unowned self] in sides($0).map { $0.0.kind >= 0 ? .text(self.words[Int($0.0.kind)]) : .missing } ?? .missing }
        case "themes", "theme": return { [unowned self] in sides($0).map { .list(self.themes(of: $0.0)) } ?? .missing }
        case "note": return { [unowned self] in sides($0).map { $0.0.note >= 0 ? .text(self.notes[Int($0.0.note)]) : .missing } ?? .missing }
        case "source": return { [unowned self] in sides($0).map { $0.0.source >= 0 ? .text(self.provenances[Int($0.0.source)]) : .missing } ?? .missing }
        default:
            guard field.hasPrefix("a.") || field.hasPrefix("b."), let f = authorityField(String(field.dropFirst(2))) else { return nil }
            let isA = field.hasPrefix("a.")
            return { row in
                guard let (_, a, b) = sides(row) else { return .missing }
                return f(isA ? a : b)
            }
        }
    }

    func authorityField(_ field: String) -> ((Int32) -> Value)? {
        switch field {
        case "id": return { [unowned self] in .id(self.authorities[Int($0)].id) }
        case "name": return { [unowned self] in .text(self.authorities[Int($0)].name) }
        case "kind": return { [unowned self] in .text(self.words[Int(self.authorities[Int($0)].kind)]) }
        case "country": return { [unowned self] in .id(self.countries[Int(self.authorities[Int($0)].country)].id) }
        case "parent": return { [unowned self] in
            let p = self.authorities[Int($0)].parent
            return p >= 0 ? .id(self.authorities[Int(p)].id) : .missing }
        case "epci": return { [unowned self] in
            let e = self.authorities[Int($0)].epci
            return e >= 0 ? .id(self.authorities[Int(e)].id) : .missing }
        case "code": return { [unowned self] in self.authorities[Int($0)].code.map(Value.text) ?? .missing }
        case "population": return { [unowned self] in
            let p = self.authorities[Int($0)].population
            return p >= 0 ? .int(p) : .missing }
        case "member": return { [unowned self] in
            switch self.authorities[Int($0)].member { case 1: return .text("yes"); case 0: return .text("no"); default: return .missing } }
        case "aka": return { [unowned self] in .list(self.authorities[Int($0)].aka) }
        case "lat": return { [unowned self] in let v = self.authorities[Int($0)].lat; return v.isNaN ? .missing : .double(v) }
        case "lon": return { [unowned self] in let v = self.authorities[Int($0)].lon; return v.isNaN ? .missing : .double(v) }
        case "region": return { [unowned self] in
            let r = self.region(of: $0)
            return r >= 0 ? .id(self.authorities[Int(r)].id) : .missing }
        case "degree": return { [unowned self] in .int(self.partnershipsByAuthority.count($0)) }
        case "groups": return { [unowned self] in
            .list(self.groups(of: $0).map { self.groups[Int($0)].id }.sorted(by: TextOrder.bytesLess)) }
        // The evaluator computes the measures first (interruptible, with a positioned refusal); see Graph/Measures.swift.
        case "betweenness": return { [unowned self] in
            guard let m = try? self.measures() else { return .missing }
            return .double(m.betweenness[Int($0)]) }
        case "closeness": return { [unowned self] in
            guard let m = try? self.measures(), let c = m.closeness else { return .missing }
            return .double(c[Int($0)]) }
        case "component": return { [unowned self] in
            guard let c = try? self.componentsOnly() else { return .missing }
            return .int(Int(c.component[Int($0)])) }
        default: return nil
        }
    }

    func countryField(_ field: String) -> ((Int32) -> Value)? {
        switch field {
        case "id": return { [unowned self] in .id(self.countries[Int($0)].id) }
        case "name": return { [unowned self] in .text(self.countries[Int($0)].name) }
        case "en": return { [unowned self] in self.countries[Int($0)].en.map(Value.text) ?? .missing }
        case "zone": return { [unowned self] in self.countries[Int($0)].zone.map(Value.text) ?? .missing }
        case "aka": return { [unowned self] in .list(self.countries[Int($0)].aka) }
        case "authorities": return { [unowned self] in .int(self.authoritiesByCountry.count($0)) }
        case "partnerships": return { [unowned self] in .int(Int(self.partnershipCountByCountry[Int($0)])) }
        default: return nil
        }
    }

    func groupField(_ field: String) -> ((Int32) -> Value)? {
        switch field {
        case "id": return { [unowned self] in .id(self.groups[Int($0)].id) }
        case "name": return { [unowned self] in .text(self.groups[Int($0)].name) }
        case "members": return { [unowned self] in .int(self.membershipsByGroup.count($0)) }
        case "derived": return { [unowned self] in .int(self.membershipCount(group: $0, basis: .derived)) }
        case "stated": return { [unowned self] in .int(self.membershipCount(group: $0, basis: .stated)) }
        case "kind": return { [unowned self] in .text(self.groups[Int($0)].kind) }
        case "countries": return { [unowned self] in .list(self.groups[Int($0)].countries.map { self.countries[Int($0)].id }) }
        case "chair": return { [unowned self] in
            let c = self.groups[Int($0)].chair
            return c >= 0 ? .id(self.authorities[Int(c)].id) : .missing }
        default: return nil
        }
    }
}
