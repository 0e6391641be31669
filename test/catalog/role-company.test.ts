import { describe, expect, it } from "vitest";
import { splitRoleCompany } from "../../src/catalog/role-company.ts";

describe("splitRoleCompany", () => {
  it.each([
    ["Solution Architect @ Husqvarna Group", "Solution Architect", "Husqvarna Group"],
    ["(Solution Architect @ Husqvarna Group)", "Solution Architect", "Husqvarna Group"],
    ["StartupSoft, Senior Software Engineer", "Senior Software Engineer", "StartupSoft"],
    ["Head of Product Management Department, DOT", "Head of Product Management Department", "DOT"],
    ["EPAM, Systems Architect", "Systems Architect", "EPAM"],
    ["Day.io, Tech Lead", "Tech Lead", "Day.io"],
    ["DevOps Technical Lead at Uklon", "DevOps Technical Lead", "Uklon"],
    ["CTO, Stfalcon", "CTO", "Stfalcon"],
    ["MacPaw, Engineering Manager", "Engineering Manager", "MacPaw"],
    ["Principal Software Engineer, Wise", "Principal Software Engineer", "Wise"],
    ["Solutions Architect at Silpo (E-commerce)", "Solutions Architect", "Silpo (E-commerce)"],
    ["(Solutions Architect at Silpo (E-commerce))", "Solutions Architect", "Silpo (E-commerce)"],
    [
      "Disney Streaming Services, Senior Principal Engineer",
      "Senior Principal Engineer",
      "Disney Streaming Services",
    ],
    ["Co-founder and chief technologist @Camunda", "Co-founder and chief technologist", "Camunda"],
    ["Sr. Staff Software Engineer @Tesla", "Sr. Staff Software Engineer", "Tesla"],
    [
      "Senior Principal Engineer @waltdisneyco & Founder @muvrhq",
      "Senior Principal Engineer & Founder",
      "waltdisneyco & muvrhq",
    ],
    ["VP of Engineering, Acme Inc.", "VP of Engineering", "Acme Inc."],
    ["Acme Inc., Director, Platform Engineering", "Director, Platform Engineering", "Acme Inc."],
    [
      "Researcher at Example University (Systems Lab)",
      "Researcher",
      "Example University (Systems Lab)",
    ],
  ])("%s", (text, role, company) => {
    expect(splitRoleCompany(text)).toEqual({ role, company });
  });

  it("a role alone, a company alone, nothing", () => {
    expect(splitRoleCompany("Site Reliability Engineer")).toEqual({
      role: "Site Reliability Engineer",
    });
    expect(splitRoleCompany("@Camunda")).toEqual({ company: "Camunda" });
    expect(splitRoleCompany("Husqvarna Group")).toEqual({ company: "Husqvarna Group" });
    expect(splitRoleCompany("  ")).toEqual({});
  });
});
