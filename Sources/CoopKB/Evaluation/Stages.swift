/// The stages of a pipeline: where, sort, limit, count, select.
extension Evaluator {
    func apply(_ stage: Stage, at offset: Int, to input: ResultSet) throws -> ResultSet {
        var r = input
        try prepareMeasures(for: stage, r)
        switch stage {
        case .filter(let cond):
            let test = try predicate(cond, r)
            var kept: [Row] = []
            for row in r.rows {
                try tick()
                if try test(row) { kept.append(row) }
            }
            r.rows = kept
        case .sort(let keys):
            let accessors = try keys.map { try accessor($0.field, r).1 }
            let decorated = try r.rows.enumerated().map { (i, row) -> ([SortValue], Int, Row) in
                try tick()
                return (accessors.map { SortValue($0(row)) }, i, row)
            }
            let sorted = decorated.sorted { x, y in
                for (k, key) in keys.enumerated() {
                    let c = SortValue.compare(x.0[k], y.0[k])
                    if c != 0 {
                        // Missing values go last whatever the direction.
                        if x.0[k].isMissing || y.0[k].isMissing { return c < 0 }
                        return key.descending ? c > 0 : c < 0
                    }
                }
                return x.1 < y.1
            }
            r.rows = sorted.map(\.2)
        case .limit(let n):
            if r.rows.count > n { r.rows = Array(r.rows.prefix(n)) }
        case .count(let written):
            guard let written else {
                var t = ResultSet(kind: .table, rows: [.values([.int(r.rows.count)])], columns: [Schema.countName])
                t.valueFields = Schema.countColumns(by: nil, named: "")
                t.origin = Keyword.count.text
                return t
            }
            let by = FieldName(name: Schema.of(r).column(written.name), offset: written.offset)
            let (field, get) = try accessor(by, r)
            let itemsAreIDs = field.type.comparesAsID
            var counts: [Value: Int] = [:]
            var order: [Value] = []
            if let coded = kb.codedField(by.name, for: r.kind) {
                // Count the codes, then make one value per code seen (see CodedField).
                var perCode = [Int](repeating: 0, count: coded.count)
                var firstRow = [Int](repeating: -1, count: coded.count)
                var seen: [Int] = []
                for (i, row) in r.rows.enumerated() {
                    try tick()
                    let c = coded.code(row)
                    if perCode[c] == 0 { firstRow[c] = i; seen.append(c) }
                    perCode[c] += 1
                }
                for c in seen {
                    let k = get(r.rows[firstRow[c]])
                    if let n = counts[k] { counts[k] = n + perCode[c] } else { counts[k] = perCode[c]; order.append(k) }
                }
            } else {
            for row in r.rows {
                try tick()
                let v = get(row)
                let keys: [Value]
                switch v {
                case .list(let items): keys = items.isEmpty ? [.missing] : Array(Set(items)).map { itemsAreIDs ? Value.id($0) : Value.text($0) }
                case .missing: keys = [.missing]
                default: keys = [v]
                }
                for k in keys {
                    if let c = counts[k] { counts[k] = c + 1 } else { counts[k] = 1; order.append(k) }
                }
            }
            }
            let rows = order.map { k -> (SortValue, Int, Value) in (SortValue(k), counts[k]!, k) }
                .sorted { x, y in
                    if x.1 != y.1 { return x.1 > y.1 }
                    let c = SortValue.compare(x.0, y.0)
                    return c < 0
                }
                .map { Row.values([$0.2, .int($0.1)]) }
            var t = ResultSet(kind: .table, rows: rows, columns: [by.name, Schema.countName])
            t.valueFields = Schema.countColumns(by: field, named: by.name)
            t.origin = Keyword.count.text
            return t
        case .select(let fields):
            for f in fields { _ = try accessor(f, r) }
            let schema = Schema.of(r)
            r.columns = fields.map { schema.column($0.name) }
        }
        return r
    }

    /// A field of the rows of a result and its accessor; an unknown field is an error with suggestions.
    func accessor(_ name: FieldName, _ r: ResultSet) throws -> (Field, Accessor) {
        let schema = Schema.of(r)
        if let f = schema.field(name.name), let a = schema.accessor(name.name, kb) { return (f, a) }
        let known = schema.allNames
        let close = Similarity.closest(to: name.name, among: known, count: 3)
        let fields = close.isEmpty ? (schema.hasSideFields ? schema.ownNames + ["a.FIELD", "b.FIELD"] : known) : []
        throw fail(name.offset, .unknownField(name.name, rows: r.kind, candidates: close, fields: fields))
    }

    /// A test for rows built once per stage: literals are checked against the field's type here.
    func predicate(_ cond: Condition, _ r: ResultSet) throws -> (Row) throws -> Bool {
        switch cond {
        case .or(let x, let y):
            let a = try predicate(x, r), b = try predicate(y, r)
            return { try a($0) || b($0) }
        case .and(let x, let y):
            let a = try predicate(x, r), b = try predicate(y, r)
            return { try a($0) && b($0) }
        case .not(let x):
            let a = try predicate(x, r)
            return { try !a($0) }
        case .compare(let field, let op, let literal):
            let (f, get) = try accessor(field, r)
            let test = try comparison(field, f.type, op, literal)
            return remembered(field, r) { test(get($0)) } ?? { test(get($0)) }
        case .isIn(let field, let literals):
            let (f, get) = try accessor(field, r)
            // On a field holding ids, each value is a REF of the field's kind, as for `=` (docs/names.md).
            let named = try wanted(field, f.type).map { want in
                try literals.map { l in
                    let e = try resolver.resolve(Ref(kind: nil, text: l.text, quoted: l.quoted, offset: l.offset), as: want)
                    return Literal(text: kb.id(of: e), quoted: false, offset: l.offset)
                }
            } ?? literals
            let values = try ValueSet(field, named, numeric: f.type.isNumeric, itemsAreIDs: f.type.comparesAsID, fail: fail)
            let holds: (Row) -> Bool = { row in values.contains(get(row)) }
            return remembered(field, r, holds) ?? holds
        case .within(let side, let ref):
            let e = try resolver.resolve(ref)
            let inside: (Int32) -> Bool
            switch e.kind {
            case .authority:
                // Marked once for every authority: each row then costs one look-up, however deep the chain.
                let mask = kb.withinMask(e.index)
                inside = { mask[Int($0)] }
            case .country: inside = { [kb] a in kb.authority(a).country == e.index }
            case .group:
                let members = Set(kb.members(of: e.index))
                inside = { members.contains($0) }
            case .partnership: inside = { _ in false }
            }
            if let side {
                guard r.kind == .partnership, side.name == "a" || side.name == "b" else {
                    throw fail(side.offset, r.kind == .partnership ? .sideIsAOrB : .sideOnlyOnPartnerships(side: side.name, rows: r.kind))
                }
                let isA = side.name == "a"
                return { [kb] row in
                    guard case .partnership(let i, let f) = row else { return false }
                    let p = kb.partnership(i)
                    return inside((isA != f) ? p.a : p.b)
                }
            }
            guard r.kind == .authority || r.kind == .neighbour || r.kind == .step else {
                throw fail(ref.offset, r.kind == .partnership ? .withinNeedsSide(ref: ref.text) : .withinNeedsAuthorities(rows: r.kind))
            }
            return { row in row.authority.map(inside) ?? false }
        }
    }

    /// For a coded field with few codes, a test that asks `holds` once per code and remembers the answer.
    func remembered(_ field: FieldName, _ r: ResultSet, _ holds: @escaping (Row) -> Bool) -> ((Row) throws -> Bool)? {
        guard let coded = kb.codedField(Schema.of(r).column(field.name), for: r.kind), coded.count <= 1 << 16 else { return nil }
        // -1: not asked yet; 0: false; 1: true.
        var answer = [Int8](repeating: -1, count: coded.count)
        return { row in
            let c = coded.code(row)
            if answer[c] < 0 { answer[c] = holds(row) ? 1 : 0 }
            return answer[c] == 1
        }
    }

    /// What the values of a field holding ids name, or nil for other fields (docs/names.md): the kind of its
    /// ids; for `region`, an authority whose kind is region.
    func wanted(_ field: FieldName, _ type: FieldType) -> Wanted? {
        switch type {
        case .id(let k), .ids(let k):
            if k == .authority && (field.name == "region" || field.name.hasSuffix(".region")) {
                return Wanted(kind: .authority, authorityKind: "region")
            }
            return Wanted(kind: k, authorityKind: nil)
        default:
            return nil
        }
    }

    /// The test of one comparison on a field's value. On a field holding ids, the value of `=`, `!=` and `in` is
    /// resolved as a REF of that field's kind (`country = Allemagne` is `country = DE`); naming nothing is an error.
    func comparison(_ field: FieldName, _ type: FieldType, _ op: Comparison, _ literal: Literal) throws -> (Value) -> Bool {
        if op == .eq || op == .ne, let want = wanted(field, type) {
            let e = try resolver.resolve(Ref(kind: nil, text: literal.text, quoted: literal.quoted, offset: literal.offset), as: want)
            let id = Literal(text: kb.id(of: e), quoted: false, offset: literal.offset)
            return try plainComparison(field, type, op, id)
        }
        return try plainComparison(field, type, op, literal)
    }

    func plainComparison(_ field: FieldName, _ type: FieldType, _ op: Comparison, _ literal: Literal) throws -> (Value) -> Bool {
        let isNumeric = type.isNumeric
        let number = Double(literal.text)
        if isNumeric && op != .contains && number == nil {
            throw fail(literal.offset, .notANumber(field: field.name, value: literal.text, quoted: literal.quoted))
        }
        let foldedLiteral = Folding.fold(literal.text)
        let idLiteral = Folding.idKey(literal.text)
        func cmpText(_ s: String, isID: Bool) -> Int {
            if isID {
                let k = Folding.idKey(s)
                return k == idLiteral ? 0 : (TextOrder.bytesLess(k, idLiteral) ? -1 : 1)
            }
            let f = Folding.fold(s)
            return f == foldedLiteral ? 0 : (TextOrder.less(f, foldedLiteral) ? -1 : 1)
        }
        func holds(_ c: Int) -> Bool {
            switch op {
            case .eq: return c == 0
            case .ne: return c != 0
            case .lt: return c < 0
            case .le: return c <= 0
            case .gt: return c > 0
            case .ge: return c >= 0
            case .contains: return false
            }
        }
        func test(_ v: Value) -> Bool {
            switch v {
            case .missing: return false
            case .int(let i):
                if op == .contains { return Folding.fold(String(i)).contains(foldedLiteral) }
                guard let n = number else { return false }
                let d = Double(i)
                return holds(d == n ? 0 : (d < n ? -1 : 1))
            case .double(let d):
                if op == .contains { return Value.format(d).contains(foldedLiteral) }
                guard let n = number else { return false }
                return holds(d == n ? 0 : (d < n ? -1 : 1))
            case .text(let s):
                if op == .contains { return foldedLiteral.isEmpty || Folding.fold(s).contains(foldedLiteral) }
                return holds(cmpText(s, isID: false))
            case .id(let s):
                if op == .contains { return foldedLiteral.isEmpty || Folding.fold(s).contains(foldedLiteral) }
                return holds(cmpText(s, isID: true))
            case .list(let items):
                let isID = type.comparesAsID
                for item in items {
                    if op == .contains { if Folding.fold(item).contains(foldedLiteral) { return true }; continue }
                    if holds(cmpText(item, isID: isID)) { return true }
                }
                return false
            }
        }
        if op == .ne {
            // `!=` is the negation of `=`: a missing value is never equal, so it is always different.
            let eq = try plainComparison(field, type, .eq, literal)
            return { !eq($0) }
        }
        return test
    }
}

/// The values of `FIELD in (…)` as sets, so that a row costs one look-up however long the list: the same
/// test as `=` with each value (text folded, ids by their key, numbers by value, a list when any item is in).
struct ValueSet {
    let folded: Set<String>
    let ids: Set<String>
    let numbers: Set<Double>
    let listItemsAreIDs: Bool

    init(_ field: FieldName, _ literals: [Literal], numeric: Bool, itemsAreIDs: Bool, fail: (Int, Problem) -> Diagnostic) throws {
        var folded = Set<String>(), ids = Set<String>(), numbers = Set<Double>()
        for l in literals {
            let n = Double(l.text)
            if numeric && n == nil {
                throw fail(l.offset, .notANumber(field: field.name, value: l.text, quoted: l.quoted))
            }
            if let n { numbers.insert(n) }
            folded.insert(Folding.fold(l.text))
            ids.insert(Folding.idKey(l.text))
        }
        self.folded = folded
        self.ids = ids
        self.numbers = numbers
        listItemsAreIDs = itemsAreIDs
    }

    func contains(_ v: Value) -> Bool {
        switch v {
        case .missing: return false
        case .int(let i): return numbers.contains(Double(i))
        case .double(let d): return numbers.contains(d)
        case .text(let s): return folded.contains(Folding.fold(s))
        case .id(let s): return ids.contains(Folding.idKey(s))
        case .list(let items):
            return items.contains { listItemsAreIDs ? ids.contains(Folding.idKey($0)) : folded.contains(Folding.fold($0)) }
        }
    }
}

/// A value prepared for sorting: text folded once.
struct SortValue {
    enum Kind { case missing, number(Double), text(String, String), id(String) }
    let kind: Kind

    init(_ v: Value) {
        switch v {
        case .missing: kind = .missing
        case .int(let i): kind = .number(Double(i))
        case .double(let d): kind = .number(d)
        case .text(let s): kind = .text(Folding.fold(s), s)
        case .id(let s): kind = .id(s)
        case .list(let l):
            if l.isEmpty { kind = .missing } else { let s = l.joined(separator: ","); kind = .text(Folding.fold(s), s) }
        }
    }

    var isMissing: Bool { if case .missing = kind { return true }; return false }

    /// -1, 0 or 1; missing after everything.
    static func compare(_ x: SortValue, _ y: SortValue) -> Int {
        switch (x.kind, y.kind) {
        case (.missing, .missing): return 0
        case (.missing, _): return 1
        case (_, .missing): return -1
        case let (.number(a), .number(b)): return a == b ? 0 : (a < b ? -1 : 1)
        case let (.text(fa, a), .text(fb, b)):
            if fa != fb { return TextOrder.less(fa, fb) ? -1 : 1 }
            return a == b ? 0 : (TextOrder.bytesLess(a, b) ? -1 : 1)
        case let (.id(a), .id(b)): return a == b ? 0 : (TextOrder.bytesLess(a, b) ? -1 : 1)
        case (.number, _): return -1
        case (_, .number): return 1
        case let (.id(a), .text(_, b)), let (.text(_, a), .id(b)): return a == b ? 0 : (TextOrder.bytesLess(a, b) ? -1 : 1)
        }
    }
}

