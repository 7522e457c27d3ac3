import CoopKB
import Foundation
import Testing

/// The parser's trees, printed as S-expressions with the byte offsets the AST keeps, compared with
/// Tests/Fixtures/ast/statements.ast (`RECORD=1 swift test --filter ASTTests` rewrites it).
@Suite struct ASTTests {
    @Test("each statement of statements.kbq parses to the tree recorded in statements.ast")
    func golden() throws {
        let dir = Fixture.fixtures.appendingPathComponent("ast")
        let input = try String(contentsOf: dir.appendingPathComponent("statements.kbq"), encoding: .utf8)
        var out = ""
        for line in input.split(separator: "\n") where !line.hasPrefix("#") {
            let source = Source(name: "statements.kbq", text: String(line))
            let tokens = try Lexer(source: source).tokens()
            var parser = Parser(source: source, tokens: tokens)
            do {
                out += line + "\n  " + ASTPrinter.print(try parser.parseStatement()) + "\n"
            } catch let e as ParseError {
                out += line + "\n  error \(e.diagnostic.problem)\n"
            }
        }
        let file = dir.appendingPathComponent("statements.ast")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try out.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(firstDifference(expected, out) == nil, "\(firstDifference(expected, out) ?? "") (RECORD=1 rewrites statements.ast)")
    }
}

/// Prints a statement's tree as an S-expression: `(partners-of (ref rennes @12))`.
enum ASTPrinter {
    static func print(_ s: Statement) -> String {
        switch s {
        case .query(let q): return query(q)
        case .assign(let name, let q, let offset): return "(let $\(name) @\(offset) \(query(q)))"
        case .show(let r): return "(show \(ref(r)))"
        case .brief(let r): return "(brief \(ref(r)))"
        case .dot(let name, let arguments, let offset): return "(dot \(name) @\(offset)\(arguments.map { " " + $0.debugDescription }.joined()))"
        }
    }

    static func query(_ q: Query) -> String {
        var parts = [term(q.first)]
        for (op, t) in q.rest { parts.append("(\(op.rawValue) \(term(t)))") }
        for (s, offset) in q.stages { parts.append("(stage @\(offset) \(stage(s)))") }
        return "(query " + parts.joined(separator: " ") + ")"
    }

    static func term(_ n: TermNode) -> String {
        let body: String
        switch n.term {
        case .authorities(let r): body = "authorities" + (r.map { " in " + ref($0) } ?? "")
        case .countries: body = "countries"
        case .groups(let o): body = "groups" + (o.map { " of " + operand($0) } ?? "")
        case .partnerships: body = "partnerships"
        case .partnershipsOf(let o): body = "partnerships-of " + operand(o)
        case .partnershipsBetween(let a, let b): body = "partnerships-between " + operand(a) + " " + operand(b)
        case .partnersOf(let o): body = "partners-of " + operand(o)
        case .membersOf(let o): body = "members-of " + operand(o)
        case .neighbours(let o, let depth): body = "neighbours-of \(operand(o)) depth \(depth)"
        case .path(let a, let b, let via): body = "path \(ref(a)) \(ref(b))\(via ? " via-groups" : "")"
        case .similar(let r, let limit): body = "similar-to \(ref(r))" + (limit.map { " limit \($0)" } ?? "")
        case .components: body = "components"
        case .operand(let o): body = operand(o)
        }
        return "(\(body) @\(n.offset))"
    }

    static func operand(_ o: Operand) -> String {
        switch o {
        case .ref(let r): return ref(r)
        case .variable(let v, let offset): return "(var $\(v) @\(offset))"
        case .query(let q): return query(q)
        }
    }

    static func ref(_ r: Ref) -> String {
        "(ref \(r.kind.map { $0.rawValue + ":" } ?? "")\(r.quoted ? r.text.debugDescription : r.text) @\(r.offset))"
    }

    static func stage(_ s: Stage) -> String {
        switch s {
        case .filter(let c): return "(where \(condition(c)))"
        case .sort(let keys): return "(sort" + keys.map { " \(field($0.field)) \($0.descending ? "desc" : "asc")" }.joined() + ")"
        case .limit(let n): return "(limit \(n))"
        case .count(let by): return "(count" + (by.map { " by " + field($0) } ?? "") + ")"
        case .select(let fields): return "(select" + fields.map { " " + field($0) }.joined() + ")"
        }
    }

    static func condition(_ c: Condition) -> String {
        switch c {
        case .or(let a, let b): return "(or \(condition(a)) \(condition(b)))"
        case .and(let a, let b): return "(and \(condition(a)) \(condition(b)))"
        case .not(let a): return "(not \(condition(a)))"
        case .compare(let f, let op, let l): return "(\(op.rawValue) \(field(f)) \(literal(l)))"
        case .isIn(let f, let ls): return "(in \(field(f))" + ls.map { " " + literal($0) }.joined() + ")"
        case .within(let side, let r): return "(within" + (side.map { " " + field($0) } ?? "") + " \(ref(r)))"
        }
    }

    static func field(_ f: FieldName) -> String { "\(f.name)@\(f.offset)" }
    static func literal(_ l: Literal) -> String { (l.quoted ? l.text.debugDescription : l.text) + "@\(l.offset)" }
}
