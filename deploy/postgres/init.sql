-- One database per service (each service owns its own).
create database assessment;
create database survey;
create database baseline;
create database reporting;
create database organisation;
