import assert from 'node:assert/strict';
import { parseImageRef } from '../../../server/src/engine/model/image';
import rule from '../../../server/src/engine/rules/base-image-eol';
import { EOL_DATA, imageReleases } from '../../../server/src/engine/rules/shared/eol';
import { dedent, RuleTester } from '../../rule-tester';

// Tests run with today = 2026-11-23 (see rule-tester.ts).
new RuleTester().run(rule, {
  valid: [
    'FROM debian:12-slim\n',
    { name: 'supported releases', code: 'FROM node:22-alpine3.22\nFROM python:3.13-slim-bookworm\nFROM ubuntu:24.04\nFROM golang:1.26\nFROM eclipse-temurin:21-jre-noble\nFROM postgres:17\nFROM alpine:3.22\n' },
    { name: 'moving tags name no release', code: 'FROM node:lts\nFROM python:3\nFROM debian:stable-slim\nFROM ubuntu:rolling\nFROM alpine:3\nFROM alpine:edge\nFROM fedora:rawhide\nFROM redis:7\nFROM node\n' },
    { name: 'supported minor of a partly EOL major', code: 'FROM redis:6.2\nFROM redis:7.2\nFROM mysql:8.4\n' },
    { name: 'unknown images are silent', code: 'FROM myorg/node:16\nFROM ghcr.io/org/python:3.7\nFROM someone/debian:9\nFROM cimg/openjdk:11.0\n' },
    { name: 'a first tag part of an unknown image is a version name, not a distribution', code: 'FROM myorg/app:buster\nFROM myorg/app:focal-2\n' },
    { name: 'openjdk early-access tags', code: 'FROM openjdk:22-ea-14-jdk-slim\n' },
    { name: 'unresolved variables', code: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-alpine\nARG BASE\nFROM ${BASE}:9\n' },
    { name: 'template placeholders are not images', code: 'FROM gcr.io/PROJECT_ID/app:1.0-buster\n' },
    { name: 'digest only', code: 'FROM python@sha256:' + 'a'.repeat(64) + '\n' },
    { name: 'stage names and scratch', code: 'FROM golang:1.26 AS build\nFROM build\nFROM scratch\n' },
    { name: 'the day before the end-of-life date', code: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n', config: { today: '2026-11-09' } },
    { filename: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:17\n  cache:\n    image: ${CACHE_IMAGE:-redis:7}\n' },
    {
      name: 'k8s supported images',
      filename: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: registry.access.redhat.com/ubi9/ubi-minimal:9.5\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:stretch\n',
      errors: [
        {
          messageId: 'eol',
          message: 'Image "debian:stretch" is built on Debian 9 "stretch" (end of life 2022-06-30): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.',
          severity: 'warning',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'the end-of-life date itself is past support',
      code: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n',
      config: { today: '2026-11-10' },
      errors: [{ messageId: 'eol', message: 'Image "mcr.microsoft.com/dotnet/runtime:8.0" is built on .NET 8 (end of life 2026-11-10): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 1, column: 39, endLine: 1, endColumn: 42 }],
    },
    {
      name: 'distributions: numbers, codenames, suffixes',
      code: dedent`
        FROM ubuntu:18.04
        FROM ubuntu:bionic-20230530
        FROM debian:10-slim
        FROM centos:7
        FROM centos:centos7.9.2009
        FROM alpine:3.15.4
        FROM fedora:35
        FROM amazonlinux:2
        FROM quay.io/centos/centos:stream8
      `,
      errors: [
        { messageId: 'eol', message: 'Image "ubuntu:18.04" is built on Ubuntu 18.04 "bionic" (end of life 2023-05-31): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 1, column: 13, endLine: 1, endColumn: 18 },
        { messageId: 'eol', line: 2, column: 13, endLine: 2, endColumn: 28 },
        { messageId: 'eol', line: 3, column: 13, endLine: 3, endColumn: 20 },
        { messageId: 'eol', line: 4, column: 13, endLine: 4, endColumn: 14 },
        { messageId: 'eol', line: 5, column: 13, endLine: 5, endColumn: 27 },
        { messageId: 'eol', message: 'Image "alpine:3.15.4" is built on Alpine Linux 3.15 (end of life 2023-11-01): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 6, column: 13, endLine: 6, endColumn: 19 },
        { messageId: 'eol', line: 7, column: 13, endLine: 7, endColumn: 15 },
        { messageId: 'eol', message: 'Image "amazonlinux:2" is built on Amazon Linux 2 (end of life 2026-06-30): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 8, column: 18, endLine: 8, endColumn: 19 },
        { messageId: 'eol', line: 9, column: 28, endLine: 9, endColumn: 35 },
      ],
    },
    {
      name: 'runtimes, with the distribution underneath named too',
      code: dedent`
        FROM node:16-alpine
        FROM python:3.7-slim-buster
        FROM golang:1.20-alpine3.18
        FROM node:gallium
        FROM python:2
        FROM php:7.4-fpm
        FROM ruby:2.7
        FROM mcr.microsoft.com/dotnet/aspnet:6.0-bullseye-slim
        FROM openjdk:8-jdk-alpine
        FROM eclipse-temurin:11.0.20_8-jre-focal
      `,
      errors: [
        { messageId: 'eol', message: 'Image "node:16-alpine" is built on Node.js 16 (end of life 2023-09-11): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 1, column: 11, endLine: 1, endColumn: 20 },
        { messageId: 'eol', message: 'Image "python:3.7-slim-buster" is built on Python 3.7 (end of life 2023-06-27) and Debian 10 "buster" (end of life 2024-06-30): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 2, column: 13, endLine: 2, endColumn: 28 },
        { messageId: 'eol', line: 3, column: 13, endLine: 3, endColumn: 28 },
        { messageId: 'eol', line: 4, column: 11, endLine: 4, endColumn: 18 },
        { messageId: 'eol', line: 5, column: 13, endLine: 5, endColumn: 14 },
        { messageId: 'eol', line: 6, column: 10, endLine: 6, endColumn: 17 },
        { messageId: 'eol', line: 7, column: 11, endLine: 7, endColumn: 14 },
        { messageId: 'eol', line: 8, column: 38, endLine: 8, endColumn: 55 },
        { messageId: 'eol', message: 'Image "openjdk:8-jdk-alpine" is built on Java 8 from the deprecated Docker Hub openjdk image (end of life 2022-07-31): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 9, column: 14, endLine: 9, endColumn: 26 },
        { messageId: 'eol', line: 10, column: 22, endLine: 10, endColumn: 41 },
      ],
    },
    {
      name: 'repository names the release: UBI, distroless; Bitnami and unknown images with a distribution suffix',
      code: dedent`
        FROM registry.access.redhat.com/ubi7/ubi-minimal:7.9
        FROM gcr.io/distroless/base-debian10
        FROM bitnami/redis:6.0.16-debian-10-r5
        FROM ghcr.io/org/app:1.2-buster
      `,
      errors: [
        { messageId: 'eol', line: 1, column: 6, endLine: 1, endColumn: 53 },
        { messageId: 'eol', line: 2, column: 6, endLine: 2, endColumn: 37 },
        { messageId: 'eol', message: 'Image "bitnami/redis:6.0.16-debian-10-r5" is built on Redis 6.0 (end of life 2022-05-31) and Debian 10 "buster" (end of life 2024-06-30): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 3, column: 20, endLine: 3, endColumn: 39 },
        { messageId: 'eol', line: 4, column: 22, endLine: 4, endColumn: 32 },
      ],
    },
    {
      name: 'builder stages, COPY --from, ARG defaults (span is the FROM argument)',
      code: dedent`
        ARG PY=3.8
        FROM python:\${PY}-slim AS build
        FROM alpine:3.22
        COPY --from=node:14 /usr/local/bin/node /usr/local/bin/node
      `,
      errors: [
        { messageId: 'eol', line: 2, column: 6, endLine: 2, endColumn: 23 },
        { messageId: 'eol', line: 4, column: 18, endLine: 4, endColumn: 20 },
      ],
    },
    {
      name: 'compose: quoted, flow style, merge keys',
      filename: 'docker-compose.yml',
      code: dedent`
        x-db: &db
          image: postgres:11
        services:
          db:
            <<: *db
          cache: {image: "redis:6.0-alpine"}
          web:
            image: nginx:1.27
      `,
      errors: [
        { messageId: 'eol', line: 2, column: 19, endLine: 2, endColumn: 21 },
        { messageId: 'eol', line: 6, column: 18, endLine: 6, endColumn: 36 },
        { messageId: 'eol', message: 'Image "nginx:1.27" is built on nginx 1.27 (end of life 2025-06-24): a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.', line: 8, column: 18, endLine: 8, endColumn: 22 },
      ],
    },
    {
      name: 'k8s: document 3, List items, init and ephemeral containers',
      filename: 'app.yaml',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                initContainers:
                - {name: init, image: busybox:1.36}
                containers:
                - name: web
                  image: mcr.microsoft.com/dotnet/aspnet:8.0
                ephemeralContainers:
                - name: debug
                  image: 'ubuntu:20.04'
      `,
      errors: [
        { messageId: 'eol', line: 22, column: 50, endLine: 22, endColumn: 53 },
        { messageId: 'eol', line: 25, column: 18, endLine: 25, endColumn: 32 },
      ],
    },
  ],
});

describe('base-image-eol data', () => {
  it('states its source and date, and every date is YYYY-MM-DD', () => {
    assert.match(EOL_DATA.source, /endoflife\.date/);
    assert.match(EOL_DATA.asOf, /^\d{4}-\d{2}-\d{2}$/);
    for (const [product, data] of Object.entries(EOL_DATA.products)) {
      assert.ok(data.label && data.link.startsWith('https://'), product);
      for (const [cycle, release] of Object.entries(data.releases)) assert.match(release.eol, /^\d{4}-\d{2}-\d{2}$/, `${product} ${cycle}`);
      for (const target of Object.values(data.aliases ?? {})) assert.ok(data.releases[target], `${product} alias → ${target}`);
    }
  });

  it('maps tags to releases', () => {
    const names = (image: string): string[] => imageReleases(parseImageRef(image, { start: 0, end: image.length })).map((r) => `${r.product} ${r.cycle}`);
    assert.deepEqual(names('node:16-alpine'), ['nodejs 16']);
    assert.deepEqual(names('python:3.7-slim-buster'), ['python 3.7', 'debian 10']);
    assert.deepEqual(names('debian:stretch'), ['debian 9']);
    assert.deepEqual(names('ubuntu:18.04'), ['ubuntu 18.04']);
    assert.deepEqual(names('alpine:3.15'), ['alpine 3.15']);
    assert.deepEqual(names('centos:7'), ['centos 7']);
    assert.deepEqual(names('python:3.10'), ['python 3.10']);
    assert.deepEqual(names('python:3.1'), []);
    assert.deepEqual(names('node:lts-iron'), ['nodejs 20']);
    assert.deepEqual(names('golang:1.21rc2-bookworm'), ['go 1.21', 'debian 12']);
    assert.deepEqual(names('mcr.microsoft.com/dotnet/sdk:9.0-noble'), ['dotnet 9', 'ubuntu 24.04']);
    assert.deepEqual(names('eclipse-temurin:8u382-b05-jdk'), ['eclipse-temurin 8']);
    assert.deepEqual(names('adoptopenjdk/openjdk11:alpine-jre'), ['adoptopenjdk-image 11']);
    assert.deepEqual(names('public.ecr.aws/docker/library/postgres:9.6-alpine'), ['postgresql 9.6']);
    assert.deepEqual(names('mysql:5'), ['mysql 5.7']);
    assert.deepEqual(names('redis'), []);
  });
});
